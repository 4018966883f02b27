using System.Text.RegularExpressions;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Pulses.Models;

/// <summary>
/// A pulse question pack: Likert statements (1 = strongly disagree … 5 = strongly agree) grouped by dimension. Keys are
/// stable across versions, so answers given to an older wording still compare with newer ones (statement key + version).
/// Each dimension and statement carries its zh-CN and English text: one pack serves a team in both languages.
/// </summary>
public sealed partial class PulsePackPart : IContentPart
{
    public const int MinStatementsPerDimension = 1, MaxStatementsPerDimension = 6;

    public List<PulseDimension> Dimensions { get; set; } = [];

    public IEnumerable<PulseStatement> Statements => Dimensions.SelectMany(d => d.Statements);

    public IEnumerable<ContentFieldError> Validate()
    {
        if (Dimensions.Count == 0) yield return new("dimensions", "needs at least one dimension");
        var dimensionKeys = new HashSet<string>(StringComparer.Ordinal);
        var statementKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Dimensions.Count; i++)
        {
            var d = Dimensions[i];
            foreach (var error in Check($"dimensions[{i}]", d.Key, d.Zh, d.En, dimensionKeys)) yield return error;
            if (d.Statements.Count is < MinStatementsPerDimension or > MaxStatementsPerDimension)
                yield return ContentFieldError.Of($"dimensions[{i}].statements", "needs between {0} and {1} statements", MinStatementsPerDimension, MaxStatementsPerDimension);
            for (var j = 0; j < d.Statements.Count; j++)
            {
                var s = d.Statements[j];
                foreach (var error in Check($"dimensions[{i}].statements[{j}]", s.Key, s.Zh, s.En, statementKeys)) yield return error;
            }
        }
    }

    private static IEnumerable<ContentFieldError> Check(string path, string key, string zh, string en, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(key)) yield return new($"{path}.key", "is required");
        else if (!KeyPattern().IsMatch(key)) yield return new($"{path}.key", "must be lower-case letters, digits and hyphens (e.g. psychological-safety)");
        else if (!seen.Add(key)) yield return ContentFieldError.Of($"{path}.key", "'{0}' is used twice; keys must be unique in the pack", key);
        if (string.IsNullOrWhiteSpace(zh)) yield return new($"{path}.zh", "is required");
        if (string.IsNullOrWhiteSpace(en)) yield return new($"{path}.en", "is required");
        if (zh.Length > 300) yield return ContentFieldError.Of($"{path}.zh", "must be at most {0} characters", 300);
        if (en.Length > 300) yield return ContentFieldError.Of($"{path}.en", "must be at most {0} characters", 300);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}

/// <summary>A dimension of team health (psychological safety, dependability …) and its statements.</summary>
public sealed class PulseDimension
{
    public string Key { get; set; } = "";
    public string Zh { get; set; } = "";
    public string En { get; set; } = "";
    public List<PulseStatement> Statements { get; set; } = [];

    /// <summary>The name in the reader's language (zh-CN, else English).</summary>
    public string Text(bool chinese) => chinese ? Zh : En;
}

/// <summary>One Likert statement, answered 1 (strongly disagree) to 5 (strongly agree).</summary>
public sealed class PulseStatement
{
    public string Key { get; set; } = "";
    public string Zh { get; set; } = "";
    public string En { get; set; } = "";

    public string Text(bool chinese) => chinese ? Zh : En;
}
