using System.Globalization;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;

namespace SalesAcademy.Improvement.Queue;

/// <summary>
/// Topics where at least <see cref="MinTeams"/> teams are weak (<see cref="IWeakTopics"/>, from the insights run), as queue
/// findings for every trainer. Without the Insights module there are none.
/// </summary>
public sealed class WeakTopicFindings(IWeakTopics weakTopics, PublishedContent published) : IImprovementSource
{
    public const string Source = "Topic where several teams are weak";
    public const int MinTeams = 2;

    public async Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default)
    {
        var topics = await weakTopics.WeakAsync(MinTeams, ct);
        if (topics.Count == 0) return [];
        var taxonomy = await published.TaxonomyAsync();
        return topics.Select(t => new ImprovementFinding($"insights.weak:{t.Tag}:{t.Period}", Source, taxonomy.Label(t.Tag), null, null, null, t.TeamNames.Count,
            [
                new FindingEvidence("{0} teams are weak in it ({1}): mean mastery {2}%", [t.TeamNames.Count.ToString(CultureInfo.InvariantCulture),
                    string.Join(", ", t.TeamNames), Math.Round(t.Mastery * 100).ToString(CultureInfo.InvariantCulture)], "/search?q=" + Uri.EscapeDataString(taxonomy.Label(t.Tag))),
            ])).ToList();
    }
}
