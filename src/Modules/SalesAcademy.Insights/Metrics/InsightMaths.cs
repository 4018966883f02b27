using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Metrics;

/// <summary>Which index.</summary>
public enum IndexKind { Readiness, Collaboration }

/// <summary>
/// One component of an index as computed for a snapshot: its measure key, its weight in the version used, its value normalised
/// to 0..1 (null: missing) and, when missing, an English PO msgid saying which input is missing.
/// </summary>
public sealed record IndexComponent(string Key, double Weight, double? Normalised, string? MissingReason, int Inputs);

/// <summary>
/// An index for a snapshot: <see cref="Value"/> = Σ weight × normalised / Σ weight over the components present (0..1), or null
/// with <see cref="WithheldReason"/>; <see cref="CoveredWeight"/> of <see cref="TotalWeight"/> says how much of the formula
/// had data.
/// </summary>
public sealed record IndexResult(IndexKind Kind, double? Value, double CoveredWeight, double TotalWeight, IReadOnlyList<IndexComponent> Components,
    string? WithheldReason);

/// <summary>A stored value as the maths reads it (a snapshot's value, or one being computed).</summary>
public sealed record MeasureValue(double? Value, int Inputs, string? WithheldReason = null);

/// <summary>
/// All of the insights arithmetic, pure (no database, no clock), so the fixture test checks it by hand and /about/metrics
/// shows exactly this. Scales: shares and mastery are 0..1; drill and pulse means are 1..5 and normalise as (x − 1) / 4.
/// <list type="bullet">
/// <item><b>Readiness</b> = weighted mean of mastery (share of quiz points earned), retention (mean FSRS retrievability of the
/// review cards), drill score (normalised), quiz-round and drill participation. Withheld without mastery: fewer than
/// <see cref="MinTeamQuizAttempts"/> finished quiz attempts in the team (<see cref="MinRepQuizAttempts"/> for a rep).</item>
/// <item><b>Collaboration</b> = weighted mean of action follow-through (share of the retro actions due that were done on
/// time), participation (mean of the participation shares), spread (1 − Gini of contributions), the pulse (mean of the
/// dimensions shown, normalised) and knowledge sharing (share of members who commented or contributed). For a team it is
/// withheld without the pulse: fewer than <see cref="MinPulseRespondents"/> respondents.</item>
/// <item>Either index is withheld when the components that have data carry less than <see cref="MinCoveredWeight"/> of its
/// weight; the reason names the first missing component.</item>
/// </list>
/// </summary>
public static class InsightMaths
{
    /// <summary>Below this many respondents a pulse dimension is withheld (the Pulses module's own floor).</summary>
    public const int MinPulseRespondents = 3;
    /// <summary>Finished quiz attempts a team needs in the period for readiness.</summary>
    public const int MinTeamQuizAttempts = 3;
    /// <summary>Finished quiz attempts a rep needs in the period for their readiness.</summary>
    public const int MinRepQuizAttempts = 1;
    /// <summary>Share of an index's weight its present components must carry.</summary>
    public const double MinCoveredWeight = 0.5;

    // Reasons (English PO msgids; the views translate them).
    public const string PulseTooFewReason = "Fewer than 3 people answered the pulse";
    public const string NoPulseReason = "No pulse closed in the period";
    public const string TooFewAttemptsReason = "Too few finished quiz attempts";
    public const string NoCardsReason = "No reviewed cards in the review decks";
    public const string NoDrillReason = "No finalised drill session";
    public const string NoQuizRoundReason = "No quiz round was due";
    public const string NoDrillSessionReason = "No drill session in the period";
    public const string NoActionsReason = "No retro actions were due";
    public const string NoParticipationReason = "Nothing to take part in";
    public const string NoContributionsReason = "No contributions in the period";
    public const string TooFewMembersReason = "Fewer than 2 members";
    public const string NoGoalDataReason = "No data for the goal's measure in this period";
    public const string TooLittleDataReason = "Too few of its components have data";
    public const string RepPulseReason = "Pulse answers are anonymous: there is no per-person value";

    /// <summary>Numerator / denominator, or null when the denominator is 0.</summary>
    public static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;

    /// <summary>A 1..5 mean on 0..1: (x − 1) / 4, clamped.</summary>
    public static double NormaliseScore(double mean) => Clamp01((mean - 1) / 4);

    public static double Clamp01(double x) => x < 0 ? 0 : x > 1 ? 1 : x;

    /// <summary>
    /// The Gini coefficient of non-negative amounts: Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄). 0 = everyone contributed the same,
    /// (n − 1) / n = one person did everything. Null for fewer than 2 people or nothing at all.
    /// </summary>
    public static double? Gini(IReadOnlyList<double> amounts)
    {
        var n = amounts.Count;
        var total = amounts.Sum();
        if (n < 2 || total <= 0) return null;
        // Sorted form of the same sum: Σᵢ (2i − n − 1) xᵢ over ascending x (i from 1), divided by n Σ x.
        var sorted = amounts.OrderBy(x => x).ToArray();
        double weighted = 0;
        for (var i = 0; i < n; i++) weighted += (2 * (i + 1) - n - 1) * sorted[i];
        return weighted / (n * total);
    }

    /// <summary>Spread of contributions: 1 − Gini (1 = evenly spread).</summary>
    public static double? Spread(IReadOnlyList<double> amounts) => Gini(amounts) is { } g ? 1 - g : null;

    /// <summary>
    /// Progress on a goal, 0..1. At least: measured / target (1 once reached; a target of 0 is reached at once). At most:
    /// 1 while measured ≤ target, else target / measured.
    /// </summary>
    public static double GoalProgress(double measured, double target, GoalComparison comparison) => comparison switch
    {
        GoalComparison.AtLeast => target <= 0 ? 1 : Clamp01(measured / target),
        _ => measured <= target ? 1 : measured <= 0 ? 0 : Clamp01(target / measured),
    };

    /// <summary>Mean of the values present (participation: the mean of the participation shares the period had), or null.</summary>
    public static double? MeanOfPresent(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }

    /// <summary>
    /// The components of an index for one snapshot, read from its values through <paramref name="find"/> (measure, dimension →
    /// value or null when absent), each normalised to 0..1 or missing with a reason.
    /// </summary>
    public static IReadOnlyList<IndexComponent> Components(IndexKind kind, InsightScope scope, IndexWeights weights, Func<string, string, MeasureValue?> find)
    {
        var w = kind == IndexKind.Readiness ? weights.Readiness : weights.Collaboration;
        var list = new List<IndexComponent>();
        foreach (var (key, weight) in w.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (normalised, reason, inputs) = Component(key, scope, find);
            list.Add(new IndexComponent(key, weight, normalised, normalised is null ? reason : null, inputs));
        }
        return list;
    }

    /// <summary>
    /// The index from its components: Σ weight × normalised / Σ weight over the present ones. Withheld when a required
    /// component is missing (readiness: mastery; a team's collaboration: the pulse) or the present ones carry less than
    /// <see cref="MinCoveredWeight"/> of the total weight.
    /// </summary>
    public static IndexResult Index(IndexKind kind, InsightScope scope, IReadOnlyList<IndexComponent> components)
    {
        var total = components.Sum(c => Math.Max(0, c.Weight));
        var present = components.Where(c => c.Normalised is not null && c.Weight > 0).ToList();
        var covered = present.Sum(c => c.Weight);
        var required = kind == IndexKind.Readiness ? InsightMeasures.Mastery : scope == InsightScope.Team ? InsightMeasures.Pulse : null;
        if (required is not null && components.FirstOrDefault(c => c.Key == required) is { Normalised: null } missing)
            return new IndexResult(kind, null, covered, total, components, missing.MissingReason);
        if (total <= 0 || covered / total < MinCoveredWeight)
            return new IndexResult(kind, null, covered, total, components, TooLittleDataReason);
        return new IndexResult(kind, present.Sum(c => c.Weight * c.Normalised!.Value) / covered, covered, total, components, null);
    }

    private static (double? Value, string Reason, int Inputs) Component(string key, InsightScope scope, Func<string, string, MeasureValue?> find)
    {
        MeasureValue? Get(string measure, string dimension = "") => find(measure, dimension);
        switch (key)
        {
            case InsightMeasures.Mastery:
            {
                var v = Get(InsightMeasures.Mastery);
                var min = scope == InsightScope.Team ? MinTeamQuizAttempts : MinRepQuizAttempts;
                return v is { Value: { } x } && v.Inputs >= min ? (x, "", v.Inputs) : (null, TooFewAttemptsReason, v?.Inputs ?? 0);
            }
            case InsightMeasures.Retention:
                return Get(InsightMeasures.Retention) is { Value: { } r } rv ? (r, "", rv.Inputs) : (null, NoCardsReason, 0);
            case InsightMeasures.DrillScore:
                return Get(InsightMeasures.DrillScore) is { Value: { } d } dv ? (NormaliseScore(d), "", dv.Inputs) : (null, NoDrillReason, 0);
            case InsightMeasures.ParticipationQuiz:
                return Get(key) is { Value: { } q } qv ? (q, "", qv.Inputs) : (null, NoQuizRoundReason, 0);
            case InsightMeasures.ParticipationDrill:
                return Get(key) is { Value: { } p } pv ? (p, "", pv.Inputs) : (null, NoDrillSessionReason, 0);
            case InsightMeasures.FollowThrough:
                return Get(InsightMeasures.FollowThrough, "done") is { Value: { } f } fv ? (f, "", fv.Inputs) : (null, NoActionsReason, 0);
            case InsightMeasures.Participation:
                return Get(key) is { Value: { } a } av ? (a, "", av.Inputs) : (null, NoParticipationReason, 0);
            case InsightMeasures.Spread:
                return Get(key) is { Value: { } s } sv ? (s, "", sv.Inputs) : (null, Get(key)?.WithheldReason ?? NoContributionsReason, 0);
            case InsightMeasures.Sharing:
                return Get(key) is { Value: { } h } hv ? (h, "", hv.Inputs) : (null, NoContributionsReason, 0);
            case InsightMeasures.Pulse:
            {
                if (scope == InsightScope.Rep) return (null, RepPulseReason, 0);
                var v = Get(InsightMeasures.Pulse, PulseOverall);
                return v is { Value: { } m } ? (NormaliseScore(m), "", v.Inputs) : (null, v?.WithheldReason ?? NoPulseReason, v?.Inputs ?? 0);
            }
            default:
                return (null, TooLittleDataReason, 0); // a key no version of the formula knows: counts as missing
        }
    }

    /// <summary>The pulse's overall value is stored under this dimension: the mean of the dimensions shown.</summary>
    public const string PulseOverall = "";

    /// <summary>
    /// The measures a team goal may track, each a team value of a snapshot: key → (measure, dimension). "followthrough" is the
    /// share of actions done on time; the indices are 0..1.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Measure, string Dimension)> GoalMeasures { get; } =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            [InsightMeasures.FollowThrough] = (InsightMeasures.FollowThrough, "done"),
            [InsightMeasures.Mastery] = (InsightMeasures.Mastery, ""),
            [InsightMeasures.Retention] = (InsightMeasures.Retention, ""),
            [InsightMeasures.DrillScore] = (InsightMeasures.DrillScore, ""),
            [InsightMeasures.Pulse] = (InsightMeasures.Pulse, PulseOverall),
            [InsightMeasures.Participation] = (InsightMeasures.Participation, ""),
            [InsightMeasures.ParticipationQuiz] = (InsightMeasures.ParticipationQuiz, ""),
            [InsightMeasures.ParticipationDrill] = (InsightMeasures.ParticipationDrill, ""),
            [InsightMeasures.ParticipationRetro] = (InsightMeasures.ParticipationRetro, ""),
            [InsightMeasures.ParticipationPulse] = (InsightMeasures.ParticipationPulse, ""),
            [InsightMeasures.Spread] = (InsightMeasures.Spread, ""),
            [InsightMeasures.Sharing] = (InsightMeasures.Sharing, ""),
            [InsightMeasures.Comments] = (InsightMeasures.Comments, ""),
            [InsightMeasures.SharingViews] = (InsightMeasures.SharingViews, ""),
            [InsightMeasures.ReadinessIndex] = (InsightMeasures.ReadinessIndex, ""),
            [InsightMeasures.CollaborationIndex] = (InsightMeasures.CollaborationIndex, ""),
        };
}
