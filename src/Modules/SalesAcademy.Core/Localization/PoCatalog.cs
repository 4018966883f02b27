using System.Globalization;
using System.Reflection;
using System.Text;

namespace SalesAcademy.Core.Localization;

/// <summary>
/// Translations from gettext PO files embedded in each module (Localization/&lt;culture&gt;.po), the way
/// Orchard Core localizes: the English text is the key, so a missing translation shows English. Each module's
/// views read their own module's catalog first, then the shared one (every module's, the last one loaded winning).
/// </summary>
public sealed class PoCatalog
{
    private readonly Dictionary<string, Dictionary<string, string>> _byCulture = new(StringComparer.OrdinalIgnoreCase);
    // assembly name -> culture -> id -> text: the module's own translations.
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> _byModule = new(StringComparer.Ordinal);

    public PoCatalog(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".po", StringComparison.OrdinalIgnoreCase)))
        {
            var culture = Path.GetExtension(resource[..^3]).TrimStart('.');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var entries = _byCulture.TryGetValue(culture, out var existing) ? existing : _byCulture[culture] = new(StringComparer.Ordinal);
            var module = _byModule.TryGetValue(assembly.GetName().Name!, out var m) ? m : _byModule[assembly.GetName().Name!] = new(StringComparer.OrdinalIgnoreCase);
            var own = module.TryGetValue(culture, out var o) ? o : module[culture] = new(StringComparer.Ordinal);
            foreach (var (id, text) in Parse(reader.ReadToEnd(), resource)) entries[id] = own[id] = text;
        }
    }

    /// <summary>The translation from <paramref name="module"/>'s own catalog (an assembly name) first, then the shared one.</summary>
    public string? Translate(string id, CultureInfo culture, string? module)
    {
        if (module is not null && _byModule.TryGetValue(module, out var own))
        {
            for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
                if (own.TryGetValue(c.Name, out var entries) && entries.TryGetValue(id, out var text)) return text;
        }
        return Translate(id, culture);
    }

    /// <summary>The translation for the culture or its parents (zh-CN, then zh), else null.</summary>
    public string? Translate(string id, CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byCulture.TryGetValue(c.Name, out var entries) && entries.TryGetValue(id, out var text)) return text;
        }
        return null;
    }

    public IEnumerable<KeyValuePair<string, string>> All(CultureInfo culture) =>
        _byCulture.TryGetValue(culture.Name, out var entries) ? entries : [];

    /// <summary>Parses msgid/msgstr pairs (multi-line strings, escapes); msgctxt and comments are ignored.</summary>
    public static List<(string Id, string Text)> Parse(string po, string source)
    {
        var result = new List<(string, string)>();
        StringBuilder? id = null, text = null, current = null;
        void Flush()
        {
            if (id is { Length: > 0 } && text is { Length: > 0 }) result.Add((id.ToString(), text.ToString()));
            id = text = current = null;
        }
        var lineNumber = 0;
        foreach (var raw in po.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("msgctxt ", StringComparison.Ordinal)) { Flush(); current = new StringBuilder(); }
            else if (line.StartsWith("msgid ", StringComparison.Ordinal))
            {
                if (text is not null) Flush();
                current = id = new StringBuilder(Unquote(line[6..], source, lineNumber));
            }
            else if (line.StartsWith("msgstr ", StringComparison.Ordinal))
                current = text = new StringBuilder(Unquote(line[7..], source, lineNumber));
            else if (line.StartsWith('"') && current is not null) current.Append(Unquote(line, source, lineNumber));
            else throw new FormatException($"{source}:{lineNumber}: unexpected line '{line}'.");
        }
        Flush();
        return result;
    }

    private static string Unquote(string quoted, string source, int line)
    {
        quoted = quoted.Trim();
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
            throw new FormatException($"{source}:{line}: expected a quoted string.");
        var s = quoted[1..^1];
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length) { sb.Append(s[i]); continue; }
            sb.Append(s[++i] switch { 'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\', var other => other });
        }
        return sb.ToString();
    }
}
