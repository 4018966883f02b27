using SalesAcademy.Testing;
using YamlDotNet.Serialization;

namespace SalesAcademy.Portal.Tests.Support;

/// <summary>
/// The seed content read straight from the files in content/ (independently of the portal's importer),
/// so page tests assert what the files say rather than numbers copied into the tests.
/// </summary>
public static class SeedContent
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();
    private static readonly Lazy<IReadOnlyList<SeedItem>> LazyItems = new(Load);
    private static readonly Lazy<IReadOnlyList<SeedTerm>> LazyTerms = new(LoadTaxonomy);

    public const string CaseStudy = "CaseStudy";
    public const string Playbook = "Playbook";
    public const string Drill = "Drill";
    public const string Question = "Question";
    public const string Quiz = "Quiz";
    public const string RetroTemplate = "RetroTemplate";
    /// <summary>Pulse question packs: read by content editors only (like questions), used by the pulses.</summary>
    public const string PulsePack = "PulsePack";

    /// <summary>Every seed file (questions and quizzes included).</summary>
    public static IReadOnlyList<SeedItem> Items => LazyItems.Value;
    /// <summary>What readers see published: everything but questions (they carry their answers; trainers only), retro
    /// templates (facilitators' material) and pulse packs.</summary>
    public static IReadOnlyList<SeedItem> ReaderItems => Items.Where(i => i.Type is not (Question or RetroTemplate or PulsePack)).ToList();
    /// <summary>Items of the three libraries (cases, playbooks, drills), whose pages show related content.</summary>
    public static IReadOnlyList<SeedItem> LibraryItems => Items.Where(i => i.Type is CaseStudy or Playbook or Drill).ToList();
    public static IReadOnlyList<SeedTerm> Terms => LazyTerms.Value;

    public static IReadOnlyList<SeedItem> OfType(string type) => Items.Where(i => i.Type == type).ToList();
    public static SeedItem ById(string id) => Items.Single(i => i.Id == id);
    public static SeedItem BySlug(string type, string slug) => Items.Single(i => i.Type == type && i.Slug == slug);
    public static SeedTerm Term(string key) => Terms.Single(t => t.Key == key);

    /// <summary>Items whose related* lists name <paramref name="id"/> (the reverse links).</summary>
    public static IEnumerable<SeedItem> Referencing(string id) => Items.Where(i => i.References.Contains(id));

    /// <summary>What an item's "related content" section should link to: what it names, then what names it.</summary>
    public static IReadOnlyList<SeedItem> Related(SeedItem item) =>
        item.References.Select(ById).Concat(Referencing(item.Id)).DistinctBy(i => i.Id).ToList();

    public static string RoutePrefix(string type) => type switch
    {
        CaseStudy => "/cases",
        Playbook => "/playbooks",
        Drill => "/drills",
        Quiz => "/quizzes",
        Question => "/questions",
        RetroTemplate => "/retros/templates",
        PulsePack => "/pulses/packs",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no page for this type"),
    };

    private static IReadOnlyList<SeedItem> Load()
    {
        var items = new List<SeedItem>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.SeedContent, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase)) continue;
            var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            if (lines[0] != "---") throw new InvalidOperationException($"{path}: no front matter");
            var end = Array.IndexOf(lines, "---", 1);
            var fields = Yaml.Deserialize<Dictionary<string, object?>>(string.Join('\n', lines[1..end]));
            items.Add(new SeedItem(Path.GetRelativePath(TestPaths.SeedContent, path).Replace('\\', '/'), fields,
                string.Join('\n', lines[(end + 1)..]).Trim('\n')));
        }
        return items;
    }

    private static IReadOnlyList<SeedTerm> LoadTaxonomy()
    {
        var document = Yaml.Deserialize<Dictionary<string, object?>>(File.ReadAllText(Path.Combine(TestPaths.SeedContent, "taxonomy.yaml")));
        return ((List<object>)document["terms"]!).Cast<Dictionary<object, object>>()
            .Select(t => new SeedTerm((string)t["key"], (string)t["group"], (string)t["zh-CN"], (string)t["en"]))
            .ToList();
    }
}

public sealed record SeedTerm(string Key, string Group, string Chinese, string English)
{
    public string Label(string culture) => culture.StartsWith("zh", StringComparison.Ordinal) ? Chinese : English;
}

/// <summary>One seed file: its front matter (YAML as dictionaries, lists and strings) and Markdown body.</summary>
public sealed class SeedItem(string relativePath, IReadOnlyDictionary<string, object?> fields, string body)
{
    public string RelativePath { get; } = relativePath;
    public IReadOnlyDictionary<string, object?> Fields { get; } = fields;
    public string Body { get; } = body;

    public string Type => Text("type");
    public string Id => Text("id");
    public string Slug => Text("slug");
    public string Culture => Text("culture");
    public string Title => Text("title");
    public string? Summary => TextOrNull("summary");
    public IReadOnlyList<string> Tags => List("tags");
    public string Url => $"{SeedContent.RoutePrefix(Type)}/{Slug}";

    /// <summary>Ids this item names in relatedPlaybooks / relatedDrills.</summary>
    public IReadOnlyList<string> References => List("relatedPlaybooks").Concat(List("relatedDrills")).ToList();

    public string Text(string key) => TextOrNull(key) ?? throw new KeyNotFoundException($"{RelativePath}: no field '{key}'");
    public string? TextOrNull(string key) => Fields.GetValueOrDefault(key) as string;
    public IReadOnlyList<string> List(string key) => Fields.GetValueOrDefault(key) is List<object> list ? list.Cast<string>().ToList() : [];

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Maps(string key) => Maps(Fields.GetValueOrDefault(key));

    public static IReadOnlyList<IReadOnlyDictionary<string, object>> Maps(object? value) =>
        value is List<object> list
            ? list.Cast<Dictionary<object, object>>().Select(m => (IReadOnlyDictionary<string, object>)m.ToDictionary(p => (string)p.Key, p => p.Value)).ToList()
            : [];

    public static IReadOnlyList<string> Strings(object? value) => value is List<object> list ? list.Cast<string>().ToList() : [];

    public override string ToString() => RelativePath;
}
