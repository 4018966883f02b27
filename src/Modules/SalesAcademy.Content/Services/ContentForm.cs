using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace SalesAcademy.Content.Services;

/// <summary>
/// Turns an editor form into content-as-code fields. Input names are the field paths of the front matter
/// (and of validation messages) after the prefix <c>f.</c>: <c>f.company</c>, <c>f.stages[0].raci[1].raci</c>,
/// <c>f.rubric[0].anchors.3</c>. A name ending in <c>:lines</c> is a textarea read as a list (one entry per
/// line); <c>[]</c> collects repeated inputs (checkboxes). Empty values are left out; a list entry whose
/// fields are all empty, or that has <c>_remove</c> checked, is dropped (that is how rows are added and removed).
/// </summary>
public static partial class ContentForm
{
    public const string Prefix = "f.";
    public const string LinesSuffix = ":lines";

    public static JsonObject ToFields(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var path = key[Prefix.Length..];
            var lines = path.EndsWith(LinesSuffix, StringComparison.Ordinal);
            if (lines) path = path[..^LinesSuffix.Length];
            var multi = path.EndsWith("[]", StringComparison.Ordinal);
            if (multi) path = path[..^2];
            if (!TryParse(path, out var segments)) continue;
            object leaf = multi ? values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList()
                : lines ? SplitLines(values.ToString())
                : values.ToString().Trim();
            Set(root, segments, leaf);
        }
        return (JsonObject)ToNode(root)!;
    }

    /// <summary>One entry per non-empty line, trimmed.</summary>
    public static List<string> SplitLines(string? text) =>
        (text ?? "").Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    // A segment is a property name or a list index.
    private static bool TryParse(string path, out List<object> segments)
    {
        segments = [];
        foreach (var part in path.Split('.'))
        {
            var match = SegmentPattern().Match(part);
            if (!match.Success) return false;
            segments.Add(match.Groups[1].Value);
            foreach (Capture index in match.Groups[2].Captures) segments.Add(int.Parse(index.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return segments.Count > 0;
    }

    private static void Set(Dictionary<string, object> root, List<object> segments, object leaf)
    {
        object container = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            object Next() => segments[i + 1] is int ? new SortedDictionary<int, object>() : new Dictionary<string, object>(StringComparer.Ordinal);
            switch (container, segments[i])
            {
                case (Dictionary<string, object> map, string name):
                    if (last) { map[name] = leaf; return; }
                    if (!map.TryGetValue(name, out var child) || child is string or List<string>) map[name] = child = Next();
                    container = child;
                    break;
                case (SortedDictionary<int, object> list, int index) when index is >= 0 and < 1000:
                    if (last) { list[index] = leaf; return; }
                    if (!list.TryGetValue(index, out var element) || element is string or List<string>) list[index] = element = Next();
                    container = element;
                    break;
                default:
                    return; // a name where an index was used before (or the reverse): ignore the input
            }
        }
    }

    private static JsonNode? ToNode(object value)
    {
        switch (value)
        {
            case string text:
                return text.Length == 0 ? null : JsonValue.Create(text);
            case List<string> list:
                return new JsonArray([.. list.Select(v => (JsonNode?)JsonValue.Create(v))]);
            case Dictionary<string, object> map:
            {
                var node = new JsonObject();
                foreach (var (key, child) in map)
                {
                    if (ToNode(child) is { } converted && converted is not (JsonObject { Count: 0 } or JsonArray { Count: 0 })) node[key] = converted;
                }
                return node;
            }
            case SortedDictionary<int, object> indexed:
            {
                var array = new JsonArray();
                foreach (var child in indexed.Values)
                {
                    if (child is Dictionary<string, object> row && row.TryGetValue("_remove", out var remove) && remove is string { Length: > 0 }) continue;
                    var converted = ToNode(child);
                    if (converted is null || converted is JsonObject { Count: 0 } || converted is JsonArray { Count: 0 }) continue;
                    array.Add(converted);
                }
                return array;
            }
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^([A-Za-z0-9_-]+)(?:\[(\d{1,3})\])*$")]
    private static partial Regex SegmentPattern();
}

/// <summary>
/// A type whose editor posts fields in a shape other than its front matter (e.g. a playbook's stages × roles
/// grid) translates its form here before <see cref="ContentForm.ToFields"/> reads it.
/// </summary>
public interface IContentFormAdapter
{
    string ContentType { get; }
    IEnumerable<KeyValuePair<string, StringValues>> Adapt(IEnumerable<KeyValuePair<string, StringValues>> form);
}
