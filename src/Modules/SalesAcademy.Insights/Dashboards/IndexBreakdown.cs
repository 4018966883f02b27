using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>A component of an index in one snapshot, as <see cref="InsightMaths"/> reads it (weight, value on 0..1 or the missing
/// input), with the stored value behind it (numerator, denominator, inputs; null: not measured).</summary>
public sealed record IndexPart(IndexComponent Component, InsightValueView? Stored);

/// <summary>
/// An index of one snapshot, expanded: its stored value (or why it is withheld) and every component with the data behind it,
/// recomputed by <see cref="InsightMaths"/> with the weights of the version the snapshot was computed with.
/// </summary>
public sealed record IndexBreakdown(string Measure, InsightValueView? Value, int WeightsVersion, IReadOnlyList<IndexPart> Parts)
{
    /// <summary>Both indices of a snapshot; <paramref name="weights"/>: the snapshot's version (null when unknown: no components).</summary>
    public static IReadOnlyList<IndexBreakdown> Of(InsightSnapshotView snapshot, IndexWeights? weights) =>
    [
        Expand(snapshot, IndexKind.Readiness, InsightMeasures.ReadinessIndex, weights),
        Expand(snapshot, IndexKind.Collaboration, InsightMeasures.CollaborationIndex, weights),
    ];

    private static IndexBreakdown Expand(InsightSnapshotView snapshot, IndexKind kind, string measure, IndexWeights? weights)
    {
        var parts = weights is null ? [] : InsightMaths.Components(kind, snapshot.Scope, weights,
                (m, d) => snapshot.Find(m, d) is { } v ? new MeasureValue(v.Value, v.Inputs, v.WithheldReason) : null)
            .Select(c => new IndexPart(c, snapshot.Find(c.Key, c.Key == InsightMeasures.FollowThrough ? "done" : ""))).ToList();
        return new IndexBreakdown(measure, snapshot.Find(measure), snapshot.WeightsVersion, parts);
    }
}
