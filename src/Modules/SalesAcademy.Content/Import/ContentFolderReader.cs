using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Import;

/// <summary>One parsed Markdown file: the item it describes, or the errors that stop it.</summary>
public sealed class ContentFile
{
    public required string Path { get; init; }          // as shown in reports: "content/cases/x.md"
    public required string RelativePath { get; init; }  // within the folder, '/'-separated
    public string Hash { get; init; } = "";
    public ContentItem? Item { get; set; }
    public List<ContentFileError> Errors { get; } = [];
    internal YamlJson? Yaml { get; init; }
    /// <summary>The 1-based line the Markdown body starts on (after the front matter), for errors about the body.</summary>
    internal int? BodyLine { get; init; }
    public bool IsValid => Item is not null && Errors.Count == 0;

    internal void Error(string? field, string message, ContentMessage? text = null) =>
        Errors.Add(new(Path, field == "body" && BodyLine is { } body ? body : Yaml?.LineOf(field) ?? 1, field, message) { Text = text });
}

public sealed class ContentFolder
{
    public required string Directory { get; init; }
    public List<ContentFile> Files { get; } = [];
    public List<ContentFileError> TaxonomyErrors { get; } = [];
    public List<TaxonomyTerm> Terms { get; } = [];
    public List<TaxonomyGroup> Groups { get; } = [];
    /// <summary>Files whose text is exactly what was last imported (not parsed again): shown path → item id.</summary>
    public List<(string Path, string ContentItemId)> Unchanged { get; } = [];
    public IEnumerable<ContentFileError> AllErrors => TaxonomyErrors.Concat(Files.SelectMany(f => f.Errors));
}

/// <summary>Reads and checks a content folder without touching the database.</summary>
public sealed class ContentFolderReader(ContentDefinitions definitions)
{
    public const string TaxonomyFile = "taxonomy.yaml";
    private static readonly string[] CommonKeys = ["type", "id", "slug", "culture", "title", "summary", "tags", "owner", "contributedBy", "verifyEveryDays", "lastVerified"];

    private static readonly JsonSerializerOptions PartOptions = new(ContentJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new LenientStringConverter() },
    };

    /// <param name="knownIds">Items that exist elsewhere (the database): id → type.</param>
    /// <param name="knownTerms">Taxonomy terms that exist elsewhere (the database): key → group.</param>
    /// <param name="imported">Texts already imported and stored: <see cref="HashOf"/> → item id. Such a file is not parsed
    /// again (a restart with 10,000 unchanged files parsed every one of them: 40 s); it is listed in
    /// <see cref="ContentFolder.Unchanged"/>.</param>
    /// <param name="hashes">Hashes remembered from the last read: a file whose size and time are unchanged is not read to be hashed.</param>
    public ContentFolder Read(string directory, IReadOnlyDictionary<string, string>? knownIds = null, IReadOnlyDictionary<string, string>? knownTerms = null,
        IReadOnlyDictionary<string, string>? imported = null, ContentHashCache? hashes = null)
    {
        directory = System.IO.Path.GetFullPath(directory);
        var folder = new ContentFolder { Directory = directory };
        if (!System.IO.Directory.Exists(directory))
        {
            folder.TaxonomyErrors.Add(new(directory, 0, null, "folder does not exist"));
            return folder;
        }
        var display = System.IO.Path.GetFileName(directory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        ReadTaxonomy(folder, display);

        var files = System.IO.Directory.EnumerateFiles(directory, "*.md", SearchOption.AllDirectories)
            .Where(f => !System.IO.Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Select(f => System.IO.Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToArray();
        // Hashed on every core, then taken in order: a warm start needs every file's hash to find the few that changed, and
        // reads only the files whose size or time differ from what the cache remembers. The files that changed are read
        // again to be parsed.
        string ReadText(int i) => Normalize(File.ReadAllText(System.IO.Path.Combine(directory, files[i]), Encoding.UTF8));
        var fileHashes = new string[files.Length];
        if (imported is { Count: > 0 })
            Parallel.For(0, files.Length, i => fileHashes[i] = hashes?.HashOf(System.IO.Path.Combine(directory, files[i]), () => ReadText(i)) ?? HashOf(ReadText(i)));
        for (var i = 0; i < files.Length; i++)
        {
            var relative = files[i];
            if (fileHashes[i] is { } hash && imported!.GetValueOrDefault(hash) is { } id) folder.Unchanged.Add(($"{display}/{relative}", id));
            else folder.Files.Add(Parse(ReadText(i), $"{display}/{relative}", relative));
        }

        CheckAcrossFiles(folder, knownIds ?? new Dictionary<string, string>(), knownTerms ?? new Dictionary<string, string>());
        return folder;
    }

    private static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n");
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }

    /// <summary>What an import record keeps of a file's text (line ends and a byte-order mark do not count).</summary>
    public static string HashOf(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text)))).ToLowerInvariant();

    /// <summary>Parses one file's text into an unsaved content item (or errors).</summary>
    public ContentFile Parse(string text, string path, string relativePath)
    {
        text = Normalize(text);
        var hash = HashOf(text);

        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
            return Failed(path, relativePath, hash, 1, "the file must start with a '---' line (YAML front matter)");
        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (end < 0) return Failed(path, relativePath, hash, 1, "the front matter has no closing '---' line");

        YamlJson yaml;
        try
        {
            yaml = YamlJson.Parse(string.Join('\n', lines[1..end]), lineOffset: 1);
        }
        catch (ContentFileException ex)
        {
            return Failed(path, relativePath, hash, ex.Line, ex.Message, ex.Field);
        }

        var file = new ContentFile { Path = path, RelativePath = relativePath, Hash = hash, Yaml = yaml, BodyLine = end + 2 };
        if (yaml.Root is not JsonObject fields)
        {
            file.Error(null, "the front matter must be a YAML mapping of fields");
            return file;
        }
        var body = string.Join('\n', lines[(end + 1)..]).Trim('\n').TrimEnd();
        return Read(file, fields, body);
    }

    /// <summary>
    /// Reads an unsaved item from front-matter fields given as JSON: the editor's form and the API speak the
    /// content-as-code format too, so there is one mapping from fields to parts and one set of messages.
    /// </summary>
    /// <param name="source">How errors name the input (e.g. "request").</param>
    public ContentFile FromFields(JsonObject fields, string body, string source) =>
        Read(new ContentFile { Path = source, RelativePath = source }, fields, body.Replace("\r\n", "\n").TrimEnd());

    private ContentFile Read(ContentFile file, JsonObject fields, string body)
    {
        file.Item = ToItem(file, fields, body);
        // Field checks only when every field could be read: otherwise they would report read fields as missing.
        if (file.Item is not null && file.Errors.Count == 0)
        {
            foreach (var error in definitions.Validate(file.Item)) file.Error(error.Field, error.Message, error.Text);
        }
        return file;
    }

    private ContentItem? ToItem(ContentFile file, JsonObject fields, string body)
    {
        var typeName = Text(file, fields, "type", required: true);
        if (typeName is null) return null;
        if (definitions.Find(typeName) is not { } type)
        {
            file.Error("type", $"unknown content type '{typeName}'; expected one of {string.Join(", ", definitions.Types.Select(t => t.Name))}");
            return null;
        }

        var item = new ContentItem
        {
            ContentType = type.Name,
            ContentItemId = Text(file, fields, "id", required: true) ?? "",
            Culture = Text(file, fields, "culture", required: true) ?? "",
        };
        item.Apply(new TitlePart { Title = Text(file, fields, "title", required: true) ?? "", Summary = Text(file, fields, "summary") });
        item.Apply(new RoutePart { Slug = Text(file, fields, "slug", required: true) ?? "" });
        item.Apply(new MarkdownBodyPart { Markdown = body });
        item.Apply(new TagsPart { Tags = Deserialize<List<string>>(file, fields, "tags") ?? [] });
        var ownership = new OwnershipPart { Owner = Text(file, fields, "owner"), ContributedBy = Text(file, fields, "contributedBy") };
        if (fields["verifyEveryDays"] is not null) ownership.VerifyEveryDays = Deserialize<int>(file, fields, "verifyEveryDays");
        if (Text(file, fields, "lastVerified") is { } verified)
        {
            if (DateTime.TryParse(verified, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                ownership.LastVerifiedUtc = at;
            else file.Error("lastVerified", $"'{verified}' is not a date (use 2026-01-31)");
        }
        item.Apply(ownership);

        // Everything else belongs to the type's own part.
        var own = new JsonObject();
        foreach (var (key, value) in fields)
        {
            if (!CommonKeys.Contains(key)) own[key] = value?.DeepClone();
        }
        try
        {
            item.Apply(type.OwnPart, own.Deserialize(type.OwnPart, PartOptions)!);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : null;
            file.Error(field, ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"unknown field for {type.Name}" : $"has the wrong kind of value ({FirstSentence(ex.Message)})");
            if (field is null && ex.Message.Contains("could not be mapped", StringComparison.Ordinal) && ExtractQuoted(ex.Message) is { } unknown)
                file.Errors[^1] = file.Errors[^1] with { Field = unknown, Line = file.Yaml?.LineOf(unknown) ?? 1 };
        }
        return item;
    }

    private static string? Text(ContentFile file, JsonObject fields, string key, bool required = false)
    {
        var node = fields[key];
        if (node is null)
        {
            if (required) file.Error(key, "is required");
            return null;
        }
        if (node is JsonValue value && (value.TryGetValue<string>(out var s) || value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            return s ?? value.ToJsonString();
        file.Error(key, "must be a single value, not a list or mapping");
        return null;
    }

    private static T? Deserialize<T>(ContentFile file, JsonObject fields, string key)
    {
        try
        {
            return fields[key] is { } node ? node.Deserialize<T>(PartOptions) : default;
        }
        catch (JsonException ex)
        {
            file.Error(key, $"has the wrong kind of value ({FirstSentence(ex.Message)})");
            return default;
        }
    }

    private void CheckAcrossFiles(ContentFolder folder, IReadOnlyDictionary<string, string> knownIds, IReadOnlyDictionary<string, string> knownTerms)
    {
        var terms = new Dictionary<string, string>(knownTerms, StringComparer.Ordinal);
        foreach (var term in folder.Terms) terms[term.Key] = term.Group;
        var ids = new Dictionary<string, ContentFile>(StringComparer.Ordinal);
        var slugs = new Dictionary<string, ContentFile>(StringComparer.Ordinal);
        var unchanged = folder.Unchanged.GroupBy(u => u.ContentItemId).ToDictionary(g => g.Key, g => g.First().Path, StringComparer.Ordinal);
        foreach (var file in folder.Files.Where(f => f.Item is not null))
        {
            var item = file.Item!;
            if (unchanged.GetValueOrDefault(item.ContentItemId) is { } other)
                file.Error("id", $"duplicate id '{item.ContentItemId}': also used by {other}");
            else if (!ids.TryAdd(item.ContentItemId, file))
                file.Error("id", $"duplicate id '{item.ContentItemId}': also used by {ids[item.ContentItemId].Path}:{ids[item.ContentItemId].Yaml!.LineOf("id")}");
            var slug = item.As<RoutePart>().Slug;
            if (slug.Length > 0 && !slugs.TryAdd(slug, file))
                file.Error("slug", $"duplicate slug '{slug}': also used by {slugs[slug].Path}:{slugs[slug].Yaml!.LineOf("slug")}");
            var tags = item.As<TagsPart>().Tags;
            for (var i = 0; i < tags.Count; i++)
            {
                if (!terms.TryGetValue(tags[i], out var group) || definitions.TermGroups.Contains(group))
                    file.Error($"tags[{i}]", $"unknown tag '{tags[i]}'; add it to {TaxonomyFile}");
            }
            foreach (var term in definitions.Terms(item))
            {
                if (terms.GetValueOrDefault(term.Key) != term.Group)
                    file.Error(term.Field, $"unknown {term.Field} '{term.Key}'; use a key of group '{term.Group}' in {TaxonomyFile}: "
                        + string.Join(", ", terms.Where(t => t.Value == term.Group).Select(t => t.Key).Order(StringComparer.Ordinal)));
            }
        }

        // References may point at any item a file declares (valid or not) or at one already stored.
        var declared = folder.Files.Where(f => f.Item is not null).GroupBy(f => f.Item!.ContentItemId)
            .ToDictionary(g => g.Key, g => g.First().Item!.ContentType, StringComparer.Ordinal);
        foreach (var file in folder.Files.Where(f => f.Item is not null))
        {
            foreach (var reference in definitions.References(file.Item!))
            {
                var type = declared.GetValueOrDefault(reference.ContentItemId) ?? knownIds.GetValueOrDefault(reference.ContentItemId);
                if (type is null) file.Error(reference.Field, $"refers to '{reference.ContentItemId}', which no file or stored item has as its id");
                else if (!reference.Accepts(type)) file.Error(reference.Field, $"'{reference.ContentItemId}' is a {type}, not {reference.Expected}");
            }
        }
    }

    private void ReadTaxonomy(ContentFolder folder, string display)
    {
        var path = System.IO.Path.Combine(folder.Directory, TaxonomyFile);
        if (!File.Exists(path)) return;
        var shown = $"{display}/{TaxonomyFile}";
        YamlJson yaml;
        try
        {
            yaml = YamlJson.Parse(File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n"), lineOffset: 0);
        }
        catch (ContentFileException ex)
        {
            folder.TaxonomyErrors.Add(new(shown, ex.Line, ex.Field, ex.Message));
            return;
        }
        void Error(string field, string message) => folder.TaxonomyErrors.Add(new(shown, yaml.LineOf(field), field, message));

        var root = yaml.Root as JsonObject;
        if (root?["groups"] is JsonObject groups)
        {
            var order = 0;
            foreach (var (key, value) in groups)
            {
                var zh = (value as JsonObject)?["zh-CN"]?.ToString();
                var en = (value as JsonObject)?["en"]?.ToString();
                if (!ContentIds.IsValid(key)) Error($"groups.{key}", "group keys must be 3-64 characters of a-z, 0-9 and '-'");
                else if (string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en)) Error($"groups.{key}", "needs both 'zh-CN' and 'en' labels");
                else folder.Groups.Add(new TaxonomyGroup { Key = key, NameZh = zh, NameEn = en, SortOrder = order++ });
            }
        }
        if (root?["terms"] is not JsonArray terms)
        {
            Error("terms", "is required: a list of {key, group, zh-CN, en}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i] as JsonObject;
            string? Field(string name) => term?[name]?.ToString();
            var key = Field("key");
            if (key is null || !ContentIds.IsValid(key)) { Error($"terms[{i}].key", $"'{key}' must be 3-64 characters of a-z, 0-9 and '-'"); continue; }
            if (!seen.Add(key)) { Error($"terms[{i}].key", $"duplicate tag '{key}'"); continue; }
            var group = Field("group") ?? "";
            if (folder.Groups.Count > 0 && folder.Groups.All(g => g.Key != group)) { Error($"terms[{i}].group", $"unknown group '{group}'"); continue; }
            if (string.IsNullOrWhiteSpace(Field("zh-CN")) || string.IsNullOrWhiteSpace(Field("en"))) { Error($"terms[{i}]", "needs both 'zh-CN' and 'en' labels"); continue; }
            folder.Terms.Add(new TaxonomyTerm { Key = key, Group = group, NameZh = Field("zh-CN")!, NameEn = Field("en")!, SortOrder = i });
        }
    }

    private static ContentFile Failed(string path, string relative, string hash, int line, string message, string? field = null)
    {
        var file = new ContentFile { Path = path, RelativePath = relative, Hash = hash };
        file.Errors.Add(new(path, line, field, message));
        return file;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    private static string? ExtractQuoted(string message)
    {
        var start = message.IndexOf('\'');
        var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
        return end > start ? message[(start + 1)..end] : null;
    }

    /// <summary>Accepts YAML numbers and booleans where text is expected (e.g. <c>region: 2024</c>).</summary>
    private sealed class LenientStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException("expected text"),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
