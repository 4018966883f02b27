using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>A component of an index in one snapshot: its weight in the snapshot's weights version and its stored value (null: not measured).</summary>
public sealed record IndexComponent(string Measure, double Weight, InsightValueView? Value);

/// <summary>An index of one snapshot, expanded: its value (or why it is withheld) and every component with the data behind it.</summary>
public sealed record IndexBreakdown(string Measure, InsightValueView? Value, int WeightsVersion, IReadOnlyList<IndexComponent> Components)
{
    /// <summary>Both indices of a snapshot, with the weights of the version it was computed with (null when that version is unknown).</summary>
    public static IReadOnlyList<IndexBreakdown> Of(InsightSnapshotView snapshot, IndexWeights? weights) =>
    [
        Expand(snapshot, InsightMeasures.ReadinessIndex, weights?.Readiness),
        Expand(snapshot, InsightMeasures.CollaborationIndex, weights?.Collaboration),
    ];

    private static IndexBreakdown Expand(InsightSnapshotView snapshot, string index, IReadOnlyDictionary<string, double>? weights) =>
        new(index, snapshot.Find(index), snapshot.WeightsVersion,
            (weights ?? new Dictionary<string, double>()).Select(w => new IndexComponent(w.Key, w.Value, snapshot.Find(w.Key))).ToList());
}
