using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Import;

/// <summary>A problem in a content file, located by line and field.</summary>
public sealed record ContentFileError(string Path, int Line, string? Field, string Message)
{
    /// <summary>The message's template and arguments when a part's check produced it (for pages that translate it).</summary>
    public ContentMessage? Text { get; init; }

    public override string ToString() => Field is null ? $"{Path}:{Line}: {Message}" : $"{Path}:{Line}: field '{Field}': {Message}";
}

internal sealed class ContentFileException(int line, string? field, string message) : Exception(message)
{
    public int Line { get; } = line;
    public string? Field { get; } = field;
}

/// <summary>
/// YAML converted to JSON (so parts deserialise with System.Text.Json), remembering the line of every
/// field by its path (<c>stages[0].raci[1].role</c>) so that errors can point at the file's line.
/// </summary>
internal sealed class YamlJson
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly int _lineOffset;

    private YamlJson(int lineOffset) => _lineOffset = lineOffset;

    public JsonNode? Root { get; private set; }
    public int FirstLine { get; private set; } = 1;

    /// <summary>Parses YAML text that starts at file line <paramref name="lineOffset"/> + 1.</summary>
    public static YamlJson Parse(string yaml, int lineOffset)
    {
        var result = new YamlJson(lineOffset) { FirstLine = lineOffset + 1 };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ContentFileException((int)ex.Start.Line + lineOffset, null, $"YAML error: {Clean(ex)}");
        }
        if (stream.Documents.Count > 0) result.Root = result.Convert(stream.Documents[0].RootNode, "");
        return result;
    }

    /// <summary>The line of a field, or of its nearest parent that has one.</summary>
    public int LineOf(string? path)
    {
        for (var p = path ?? ""; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line)) return line;
        }
        return FirstLine;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private JsonNode? Convert(YamlNode node, string path)
    {
        if (path.Length > 0) _lines.TryAdd(path, (int)node.Start.Line + _lineOffset);
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? throw new ContentFileException((int)keyNode.Start.Line + _lineOffset, path, "keys must be plain text");
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (obj.ContainsKey(key)) throw new ContentFileException((int)keyNode.Start.Line + _lineOffset, childPath, "appears twice");
                    _lines[childPath] = (int)keyNode.Start.Line + _lineOffset;
                    obj[key] = Convert(valueNode, childPath);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                var index = 0;
                foreach (var child in seq.Children) array.Add(Convert(child, $"{path}[{index++}]"));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new ContentFileException((int)node.Start.Line + _lineOffset, path, "anchors and aliases are not supported");
        }
    }

    // Plain scalars get YAML 1.2 core types; quoted and block scalars are always text.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (value.IndexOfAny(['.', 'e', 'E']) > 0 && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(value);
    }

    private static string Clean(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 && message.StartsWith('(') ? message[(paren + 3)..] : message;
    }
}
