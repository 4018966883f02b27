using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SalesAcademy.Search.Services;

/// <summary>One glossary problem, reported as <c>path:line: field 'groups[2]': message</c>.</summary>
public sealed record GlossaryError(string Path, int Line, string Field, string Message)
{
    public override string ToString() => $"{Path}:{Line}: field '{Field}': {Message}";
}

/// <summary>Groups of terms that mean the same thing (铁三角 ↔ iron triangle); immutable.</summary>
public sealed class GlossaryData
{
    public static readonly GlossaryData Empty = new([]);
    private readonly Regex? _matcher;
    private readonly Dictionary<string, IReadOnlyList<string>> _groupOf;

    public GlossaryData(IReadOnlyList<IReadOnlyList<string>> groups)
    {
        Groups = groups;
        _groupOf = new(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        foreach (var term in group)
            _groupOf.TryAdd(term, group);
        if (_groupOf.Count == 0) return;
        // Longest first, so 客户关系管理 wins over a shorter term inside it; Latin terms only on word boundaries,
        // short upper-case abbreviations (AR, SR, CRM) only as written.
        var alternatives = _groupOf.Keys.OrderByDescending(t => t.Length).Select(Pattern);
        _matcher = new Regex(string.Join('|', alternatives), RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    private static string Pattern(string term)
    {
        var escaped = Regex.Escape(term).Replace("\\ ", "\\s+");
        var latin = term.Any(char.IsAsciiLetter);
        var abbreviation = term.Length <= 4 && term.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
        if (!latin) return escaped;
        return abbreviation ? $@"\b{escaped}\b" : $@"\b(?i:{escaped})\b";
    }

    /// <summary>
    /// Rewrites a query so each glossary term outside quotes also searches its synonyms:
    /// <c>iron triangle 交付</c> → <c>("iron triangle" OR "铁三角") 交付</c>.
    /// </summary>
    public string Expand(string query)
    {
        if (_matcher is null) return query;
        var result = new StringBuilder(query.Length * 2);
        var segments = query.Split('"');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0) result.Append('"');
            result.Append(i % 2 == 1 ? segments[i] : _matcher.Replace(segments[i], m =>
            {
                var key = Regex.Replace(m.Value, @"\s+", " ");
                if (!_groupOf.TryGetValue(key, out var group)) return m.Value;
                var terms = group.Prepend(key).Distinct(StringComparer.OrdinalIgnoreCase).Select(t => $"\"{t}\"");
                return $"({string.Join(" OR ", terms)})";
            }));
        }
        return result.ToString();
    }

    /// <summary>Parses glossary YAML; every problem is returned with its line and field.</summary>
    public static (GlossaryData? Glossary, List<GlossaryError> Errors) Parse(string yaml, string path)
    {
        var errors = new List<GlossaryError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            errors.Add(new(path, (int)ex.Start.Line, "(file)", $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}"));
            return (null, errors);
        }
        if (stream.Documents.Count == 0) return (Empty, errors);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new(path, (int)stream.Documents[0].RootNode.Start.Line, "(file)", "must be a mapping with a 'groups' list"));
            return (null, errors);
        }
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value != "groups"))
            errors.Add(new(path, (int)key.Start.Line, key.Value ?? "", "unknown field; expected 'groups'"));
        if (!root.Children.TryGetValue(new YamlScalarNode("groups"), out var groupsNode) || groupsNode is not YamlSequenceNode groups)
        {
            errors.Add(new(path, (int)root.Start.Line, "groups", "is required: a list of term groups, e.g. - [铁三角, iron triangle]"));
            return (null, errors);
        }

        var result = new List<IReadOnlyList<string>>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < groups.Children.Count; i++)
        {
            var field = $"groups[{i}]";
            var node = groups.Children[i];
            if (node is not YamlSequenceNode list)
            {
                errors.Add(new(path, (int)node.Start.Line, field, "must be a list of terms, e.g. [客户经理, account manager, AR]"));
                continue;
            }
            var terms = new List<string>();
            for (var j = 0; j < list.Children.Count; j++)
            {
                var termField = $"{field}[{j}]";
                if (list.Children[j] is not YamlScalarNode { Value: { } raw } scalar)
                {
                    errors.Add(new(path, (int)list.Children[j].Start.Line, termField, "must be a term (text)"));
                    continue;
                }
                var term = Regex.Replace(raw.Trim(), @"\s+", " ");
                if (term.Length == 0) errors.Add(new(path, (int)scalar.Start.Line, termField, "must not be empty"));
                else if (term.Length > 60) errors.Add(new(path, (int)scalar.Start.Line, termField, "must be at most 60 characters"));
                else if (term.IndexOfAny(['"', '(', ')', '*', '?', ':', '\\']) >= 0) errors.Add(new(path, (int)scalar.Start.Line, termField, $"'{term}' must not contain \" ( ) * ? : or \\"));
                else if (seen.TryGetValue(term, out var other)) errors.Add(new(path, (int)scalar.Start.Line, termField, $"'{term}' is already in {other}"));
                else
                {
                    seen[term] = field;
                    terms.Add(term);
                }
            }
            if (list.Children.Count < 2) errors.Add(new(path, (int)list.Start.Line, field, "needs at least two terms that mean the same thing"));
            else if (terms.Count >= 2) result.Add(terms);
        }
        return errors.Count > 0 ? (null, errors) : (new GlossaryData(result), errors);
    }
}

/// <summary>
/// The bilingual glossary (<c>glossary.yaml</c> in the content folder unless <c>Search:GlossaryPath</c> says
/// otherwise), reloaded without a restart when a trainer saves it or the file changes (its time stamp is
/// checked at most once a second, when a search uses the glossary); a bad file keeps the last good glossary.
/// </summary>
public sealed class SearchGlossary
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly ILogger<SearchGlossary> _logger;
    private readonly object _lock = new();
    private volatile GlossaryData _current = GlossaryData.Empty;
    private (DateTime Written, long Length) _stamp;
    private long _nextCheck;

    public SearchGlossary(SearchOptions options, ILogger<SearchGlossary> logger)
    {
        _logger = logger;
        Path = options.GlossaryPath;
        Reload();
    }

    public string Path { get; }

    public GlossaryData Current
    {
        get
        {
            var now = Environment.TickCount64;
            if (now >= Interlocked.Read(ref _nextCheck))
            {
                Interlocked.Exchange(ref _nextCheck, now + (long)CheckEvery.TotalMilliseconds);
                if (Stamp() != _stamp) Reload();
            }
            return _current;
        }
    }

    /// <summary>The problems of the file on disk when it was last read (the previous glossary stays in use).</summary>
    public IReadOnlyList<GlossaryError> Errors { get; private set; } = [];
    public DateTime? LoadedUtc { get; private set; }

    public string ReadText() => File.Exists(Path) ? File.ReadAllText(Path, Encoding.UTF8) : "groups:\n";

    public void Reload()
    {
        lock (_lock)
        {
            var stamp = Stamp();
            string text;
            try
            {
                if (!File.Exists(Path))
                {
                    _current = GlossaryData.Empty;
                    Errors = [];
                    _stamp = stamp;
                    return;
                }
                text = File.ReadAllText(Path, Encoding.UTF8);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not read the glossary {Path}", Path);
                return; // tried again on the next check
            }
            _stamp = stamp;
            var (glossary, errors) = GlossaryData.Parse(text, Path);
            Errors = errors;
            if (glossary is null)
            {
                _logger.LogWarning("Glossary {Path} not loaded: {Errors}", Path, string.Join("; ", errors));
                return;
            }
            _current = glossary;
            LoadedUtc = DateTime.UtcNow;
        }
    }

    /// <summary>Checks and saves new glossary text; nothing is written when it has errors.</summary>
    public IReadOnlyList<GlossaryError> Save(string yaml)
    {
        lock (_lock)
        {
            var (glossary, errors) = GlossaryData.Parse(yaml, Path);
            if (glossary is null) return errors;
            var temp = Path + ".tmp";
            File.WriteAllText(temp, yaml, new UTF8Encoding(false));
            File.Move(temp, Path, overwrite: true);
            _current = glossary;
            _stamp = Stamp();
            Errors = [];
            LoadedUtc = DateTime.UtcNow;
            return [];
        }
    }

    private (DateTime, long) Stamp()
    {
        var file = new FileInfo(Path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
    }
}
