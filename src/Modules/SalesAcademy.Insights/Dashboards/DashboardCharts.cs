using System.Globalization;
using Microsoft.Extensions.Localization;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>
/// The English PO msgids of the measures as dashboards and /about/metrics name them (the module's zh-CN.po translates them).
/// </summary>
public static class MeasureNames
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [InsightMeasures.ReadinessIndex] = "Readiness index",
        [InsightMeasures.CollaborationIndex] = "Collaboration index",
        [InsightMeasures.Mastery] = "Topic mastery",
        [InsightMeasures.Retention] = "Review-deck retention",
        [InsightMeasures.DrillScore] = "Drill score",
        [InsightMeasures.DrillCriterion] = "Drill score by criterion",
        [InsightMeasures.DrillRole] = "Drill score by role",
        [InsightMeasures.FollowThrough] = "Action follow-through",
        [InsightMeasures.Pulse] = "Team-health pulse",
        [InsightMeasures.Cards] = "Retro cards written",
        [InsightMeasures.Comments] = "Comments written",
        [InsightMeasures.SharingCases] = "Cases contributed",
        [InsightMeasures.SharingViews] = "Content views",
        [InsightMeasures.ParticipationQuiz] = "Took the quiz round",
        [InsightMeasures.ParticipationDrill] = "Joined a drill",
        [InsightMeasures.ParticipationRetro] = "Reflected in a retro",
        [InsightMeasures.ParticipationVote] = "Voted in a retro",
        [InsightMeasures.ParticipationPulse] = "Answered the pulse",
        [InsightMeasures.Participation] = "Participation",
        [InsightMeasures.Spread] = "Evenness of contributions (1 − Gini)",
        [InsightMeasures.Sharing] = "Knowledge sharing",
        [InsightMeasures.Goal] = "Goal progress",
    };

    public static string Of(string measure) => All.GetValueOrDefault(measure) ?? measure;

    public static readonly string[] ParticipationKinds =
    [
        InsightMeasures.ParticipationQuiz, InsightMeasures.ParticipationDrill, InsightMeasures.ParticipationRetro,
        InsightMeasures.ParticipationVote, InsightMeasures.ParticipationPulse,
    ];
}

/// <summary>
/// The charts every dashboard draws from a series of snapshots (a rep's or a team's, oldest first): the trend of the indices,
/// topic mastery per period × tag (heat map), the rubric radar of the latest period with drill scores, participation.
/// </summary>
public sealed class DashboardCharts(IStringLocalizer<InsightsModule> t)
{
    public const string Trend = "trend";
    public const string Mastery = "mastery";
    public const string Radar = "radar";
    public const string Participation = "participation";
    public const string Teams = "teams";

    public static string Period(InsightSnapshotView s) => s.PeriodStartUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="tagLabel">A tag's label in the reader's language.</param>
    /// <param name="includeParticipation">Team dashboards: a rep's participation is 1 or 0 per kind, shown in the trend instead.</param>
    public IReadOnlyList<ChartTable> For(IReadOnlyList<InsightSnapshotView> snapshots, Func<string, string> tagLabel, bool includeParticipation)
    {
        var charts = new List<ChartTable>
        {
            TrendChart(snapshots),
            MasteryChart(snapshots, tagLabel),
            RadarChart(snapshots),
        };
        if (includeParticipation) charts.Add(ParticipationChart(snapshots));
        return charts;
    }

    public ChartTable TrendChart(IReadOnlyList<InsightSnapshotView> snapshots)
    {
        string[] measures = [InsightMeasures.ReadinessIndex, InsightMeasures.CollaborationIndex, InsightMeasures.Mastery, InsightMeasures.Participation];
        return new ChartTable(Trend, ChartKind.Line, t["Trend across periods"], t["Each index and its main measures per period (0 to 1), oldest first; an empty cell is withheld or not measured."],
            t["Period"], measures.Select(m => t.GetString(MeasureNames.Of(m)).Value).ToList(),
            snapshots.Select(s => new ChartRow(Period(s), Period(s), measures.Select(m => s.Find(m)?.Value).ToList())).ToList());
    }

    public ChartTable MasteryChart(IReadOnlyList<InsightSnapshotView> snapshots, Func<string, string> tagLabel)
    {
        var tags = snapshots.SelectMany(s => s.All(InsightMeasures.Mastery)).Select(v => v.Dimension).Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToList();
        return new ChartTable(Mastery, ChartKind.HeatMap, t["Topic mastery"], t["Share of points earned per topic (0 to 1), periods × topics; darker is stronger."],
            t["Period"], tags.Select(tagLabel).ToList(),
            snapshots.Select(s => new ChartRow(Period(s), Period(s), tags.Select(tag => s.Find(InsightMeasures.Mastery, tag)?.Value).ToList())).ToList());
    }

    public ChartTable RadarChart(IReadOnlyList<InsightSnapshotView> snapshots)
    {
        // The last two periods with drill scores: this one against the one before.
        var scored = snapshots.Where(s => s.All(InsightMeasures.DrillCriterion).Any(v => v.Value is not null)).TakeLast(2).ToList();
        var criteria = scored.SelectMany(s => s.All(InsightMeasures.DrillCriterion)).Select(v => v.Dimension).Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToList();
        return new ChartTable(Radar, ChartKind.Radar, t["Rubric radar"], t["Mean drill score (1 to 5) per rubric criterion in the latest periods with finalised drill sessions."],
            t["Criterion"], scored.Select(Period).ToList(),
            criteria.Select(c => new ChartRow(c, c, scored.Select(s => s.Find(InsightMeasures.DrillCriterion, c)?.Value).ToList())).ToList(), Min: 1, Max: 5);
    }

    public ChartTable ParticipationChart(IReadOnlyList<InsightSnapshotView> snapshots) =>
        new(Participation, ChartKind.Bar, t["Participation"], t["Share of the team's members who took part, per kind and period (0 to 1)."],
            t["Period"], MeasureNames.ParticipationKinds.Select(m => t.GetString(MeasureNames.Of(m)).Value).ToList(),
            snapshots.Select(s => new ChartRow(Period(s), Period(s), MeasureNames.ParticipationKinds.Select(m => s.Find(m)?.Value).ToList())).ToList());

    /// <summary>The overview's heat map: teams × topics, each team's latest period.</summary>
    public ChartTable TeamsChart(IReadOnlyList<(string TeamName, InsightSnapshotView Snapshot)> latest, Func<string, string> tagLabel)
    {
        var tags = latest.SelectMany(l => l.Snapshot.All(InsightMeasures.Mastery)).Select(v => v.Dimension).Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToList();
        return new ChartTable(Teams, ChartKind.HeatMap, t["Topic mastery by team"], t["Share of points earned per topic (0 to 1) in each team's latest period, teams × topics; darker is stronger."],
            t["Team"], tags.Select(tagLabel).ToList(),
            latest.Select(l => new ChartRow(l.Snapshot.TeamId, l.TeamName, tags.Select(tag => l.Snapshot.Find(InsightMeasures.Mastery, tag)?.Value).ToList())).ToList());
    }

    /// <summary>The overview of several teams, each in its latest period: mastery teams × topics, indices and participation per team.</summary>
    public IReadOnlyList<ChartTable> Overview(IReadOnlyList<(string TeamName, InsightSnapshotView Snapshot)> latest, Func<string, string> tagLabel)
    {
        string[] indices = [InsightMeasures.ReadinessIndex, InsightMeasures.CollaborationIndex, InsightMeasures.Mastery, InsightMeasures.Participation];
        ChartRow Row((string TeamName, InsightSnapshotView Snapshot) l, IEnumerable<string> measures) =>
            new(l.Snapshot.TeamId, l.TeamName, measures.Select(m => l.Snapshot.Find(m)?.Value).ToList());
        return
        [
            TeamsChart(latest, tagLabel),
            new ChartTable("team-indices", ChartKind.Bar, t["Indices by team"], t["Each team's indices and main measures in its latest period (0 to 1)."],
                t["Team"], indices.Select(m => t.GetString(MeasureNames.Of(m)).Value).ToList(), latest.Select(l => Row(l, indices)).ToList()),
            new ChartTable("team-participation", ChartKind.Bar, t["Participation by team"], t["Share of each team's members who took part, per kind, in its latest period (0 to 1)."],
                t["Team"], MeasureNames.ParticipationKinds.Select(m => t.GetString(MeasureNames.Of(m)).Value).ToList(),
                latest.Select(l => Row(l, MeasureNames.ParticipationKinds)).ToList()),
        ];
    }
}
