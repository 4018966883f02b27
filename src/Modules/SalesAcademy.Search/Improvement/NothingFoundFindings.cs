using System.Globalization;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Improvement;

/// <summary>
/// Searches that found nothing, for the improvement queue: grouped by the normalised query (trimmed, lower case, single
/// spaces), one finding per query searched at least <see cref="MinSearches"/> times among the recent ones; nobody owns
/// them, so every trainer sees them.
/// </summary>
public sealed partial class NothingFoundFindings(SearchLog log) : IImprovementSource
{
    public const string Source = "Searches that found nothing";
    public const int MinSearches = 2;

    public async Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default)
    {
        var rows = await log.FoundNothingAsync(500, ct);
        return rows.GroupBy(r => Normalize(r.Query), StringComparer.Ordinal)
            .Select(g => (Query: g.Key, Times: g.Sum(r => r.Times), Last: g.Max(r => r.LastUtc), Spellings: g.Select(r => r.Query).Distinct().Take(5).ToList()))
            .Where(g => g.Query.Length > 0 && g.Times >= MinSearches)
            .Select(g => new ImprovementFinding($"search.nothing:{(g.Query.Length > 200 ? g.Query[..200] : g.Query)}", Source, g.Query, null, null, null, g.Times,
                [
                    new FindingEvidence("Searched {0} times without a result, last on {1}",
                        [g.Times.ToString(CultureInfo.InvariantCulture), g.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                        "/search?q=" + Uri.EscapeDataString(g.Query)),
                    new FindingEvidence("Typed as: {0}", [string.Join(" · ", g.Spellings)]),
                ]))
            .ToList();
    }

    public static string Normalize(string query) => Spaces().Replace(query.Trim().ToLowerInvariant(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
