using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using YamlDotNet.Serialization;

namespace SalesAcademy.Content.Import;

/// <summary>Writes every published item (and the taxonomy) in the content-as-code format the importer reads.</summary>
public sealed class ContentExporter(ContentDbContext db, ContentDefinitions definitions)
{
    private static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build();

    /// <returns>The number of items written.</returns>
    public async Task<int> ExportAsync(string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var items = await db.Items.AsNoTracking().Where(i => i.Published).OrderBy(i => i.ContentType).ThenBy(i => i.Slug).ToListAsync(ct);
        var paths = items.ToDictionary(i => i.ContentItemId, i => Path.GetFullPath(Path.Combine(directory, definitions.Get(i.ContentType).Folder, $"{i.Slug}.md")));
        RemoveStaleFiles(directory, paths);
        foreach (var item in items)
        {
            var type = definitions.Get(item.ContentType);
            var path = paths[item.ContentItemId];
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, ToFile(item, type), new UTF8Encoding(false), ct);
        }
        await ExportTaxonomyAsync(directory, ct);
        return items.Count;
    }

    // Exporting over an earlier export: a file holding an item that is now written elsewhere (its slug
    // changed) would import as a duplicate id, so it goes. Files of other items are left alone.
    private static void RemoveStaleFiles(string directory, Dictionary<string, string> paths)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.md", SearchOption.AllDirectories))
        {
            var id = File.ReadLines(file).Skip(1).TakeWhile(l => l.TrimEnd() != "---")
                .Select(l => l.StartsWith("id:", StringComparison.Ordinal) ? l[3..].Trim().Trim('\'', '"') : null).FirstOrDefault(v => v is not null);
            if (id is not null && paths.TryGetValue(id, out var target) && Path.GetFullPath(file) != target) File.Delete(file);
        }
    }

    public static string ToFile(ContentItem item, ContentTypeDefinition type) =>
        $"---\n{Yaml.Serialize(FrontMatter(item, type))}---\n\n{item.As<MarkdownBodyPart>().Markdown}\n";

    /// <summary>The front matter as JSON: the flat fields the API returns and accepts (one mapping for files and API).</summary>
    public static JsonObject ToFields(ContentItem item, ContentTypeDefinition type) =>
        (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(FrontMatter(item, type), ContentJson.Options)!;

    private static Dictionary<string, object?> FrontMatter(ContentItem item, ContentTypeDefinition type)
    {
        var title = item.As<TitlePart>();
        var ownership = item.As<OwnershipPart>();
        var tags = item.As<TagsPart>().Tags;
        var front = new Dictionary<string, object?>
        {
            ["type"] = item.ContentType,
            ["id"] = item.ContentItemId,
            ["slug"] = item.Slug,
            ["culture"] = item.Culture,
            ["title"] = title.Title,
        };
        if (title.Summary is not null) front["summary"] = title.Summary;
        if (tags.Count > 0) front["tags"] = tags;
        if (ownership.Owner is not null) front["owner"] = ownership.Owner;
        if (ownership.ContributedBy is not null) front["contributedBy"] = ownership.ContributedBy;
        if (ownership.VerifyEveryDays != OwnershipPart.DefaultVerifyEveryDays) front["verifyEveryDays"] = ownership.VerifyEveryDays;
        if (ownership.LastVerifiedUtc is { } verified) front["lastVerified"] = verified.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var own = (JsonNode.Parse(item.Content) as JsonObject)?[type.OwnPart.Name] as JsonObject ?? [];
        foreach (var (key, value) in own)
        {
            if (value is not null) front[key] = Plain(value);
        }
        return front;
    }

    private async Task ExportTaxonomyAsync(string directory, CancellationToken ct)
    {
        var groups = await db.TaxonomyGroups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Key).ToListAsync(ct);
        var terms = await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Key).ToListAsync(ct);
        if (groups.Count == 0 && terms.Count == 0) return;
        var document = new Dictionary<string, object>
        {
            ["groups"] = groups.ToDictionary(g => g.Key, g => new Dictionary<string, string> { ["zh-CN"] = g.NameZh, ["en"] = g.NameEn }),
            ["terms"] = terms.Select(t => new Dictionary<string, string> { ["key"] = t.Key, ["group"] = t.Group, ["zh-CN"] = t.NameZh, ["en"] = t.NameEn }).ToList(),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, ContentFolderReader.TaxonomyFile), Yaml.Serialize(document), new UTF8Encoding(false), ct);
    }

    // JSON → plain objects YamlDotNet writes as YAML (dictionaries keep the part's property order).
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => node.ToJsonString(),
    };
}
