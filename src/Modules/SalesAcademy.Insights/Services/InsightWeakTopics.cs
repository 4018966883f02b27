using System.Globalization;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Metrics;

namespace SalesAcademy.Insights.Services;

/// <summary>
/// Topics where several teams are weak, for the trainers' improvement queue: each team's latest snapshot (of the last two weeks
/// before the newest one, so teams on other weekdays count together), a team being weak in a topic when its mastery of the
/// tag is below <see cref="WeakBelow"/>. Weakest topic first.
/// </summary>
public sealed class InsightWeakTopics(InsightSnapshots snapshots, ITeamDirectory teams) : IWeakTopics
{
    /// <summary>Mastery (share of points earned on the topic's questions) under which a team counts as weak in it.</summary>
    public const double WeakBelow = 0.5;

    /// <summary>How far behind the newest period a team's latest snapshot may be and still count.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromDays(14);

    public async Task<IReadOnlyList<WeakTopic>> WeakAsync(int minTeams, CancellationToken ct = default)
    {
        var all = await teams.AllTeamsAsync(ct);
        if (all.Count == 0) return [];
        var latest = await snapshots.LatestOfTeamsAsync(all.Select(t => t.Id).ToList(), ct);
        if (latest.Count == 0) return [];
        var newest = latest.Max(s => s.PeriodStartUtc);
        var period = newest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var names = all.ToDictionary(t => t.Id, t => t.Name);
        return latest.Where(s => s.PeriodStartUtc > newest - Recent)
            .SelectMany(s => s.All(InsightMeasures.Mastery)
                .Where(v => v.Dimension.Length > 0 && v.Value is < WeakBelow)
                .Select(v => (s.TeamId, Tag: v.Dimension, Mastery: v.Value!.Value)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal)
            .Where(g => g.Count() >= Math.Max(1, minTeams))
            .Select(g => new WeakTopic(g.Key, g.Select(x => names.GetValueOrDefault(x.TeamId, x.TeamId)).Order(StringComparer.Ordinal).ToList(),
                g.Average(x => x.Mastery), period))
            .OrderBy(t => t.Mastery).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .ToList();
    }
}
