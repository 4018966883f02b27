namespace SalesAcademy.Insights.Models;

/// <summary>Whom a snapshot describes: a whole team, or one rep within a team.</summary>
public enum InsightScope { Team, Rep }

/// <summary>
/// What the insights run found for one team (or one of its reps) over one period [<see cref="PeriodStartUtc"/>,
/// <see cref="PeriodEndUtc"/>). One row per scope, team, user and period start (unique): running the same period again
/// replaces it, in one transaction with its values.
/// </summary>
public sealed class InsightSnapshot
{
    public long Id { get; set; }
    public InsightScope Scope { get; set; }
    public string TeamId { get; set; } = "";
    /// <summary>The rep; null for a team snapshot.</summary>
    public string? UserId { get; set; }
    public DateTime PeriodStartUtc { get; set; }
    public DateTime PeriodEndUtc { get; set; }
    /// <summary>The cycle run that computed it; null when computed outside a cycle (a test, the benchmark).</summary>
    public long? RunId { get; set; }
    /// <summary>The <see cref="MetricWeights.Version"/> its indices were computed with (old snapshots keep theirs).</summary>
    public int WeightsVersion { get; set; }
    public DateTime ComputedUtc { get; set; }
    public List<InsightValue> Values { get; set; } = [];
}

/// <summary>
/// One measure of a snapshot, e.g. <c>mastery</c> for tag <c>discovery</c>: <see cref="Value"/> = <see cref="Numerator"/> /
/// <see cref="Denominator"/> (a share or a mean on the measure's own scale, see <c>InsightMeasures</c>), from
/// <see cref="Inputs"/> respondents or attempts. <see cref="Value"/> null: withheld, <see cref="WithheldReason"/> says why.
/// </summary>
public sealed class InsightValue
{
    public long Id { get; set; }
    public long SnapshotId { get; set; }
    /// <summary>The measure's key (<c>InsightMeasures</c>): "mastery", "drill.criterion", "pulse", "index.readiness", …</summary>
    public string Measure { get; set; } = "";
    /// <summary>What it is broken down by: a tag, a criterion, a role, a pulse dimension, a goal id; "" when none.</summary>
    public string Dimension { get; set; } = "";
    /// <summary>Null: withheld (too few inputs).</summary>
    public double? Value { get; set; }
    public double Numerator { get; set; }
    public double Denominator { get; set; }
    /// <summary>How many respondents, attempts or members are behind it.</summary>
    public int Inputs { get; set; }
    /// <summary>English PO msgid saying which input is missing, when <see cref="Value"/> is null.</summary>
    public string? WithheldReason { get; set; }
}

/// <summary>
/// One version of the index weights. Versions are only ever added (an administrator's change adds one, audited); a snapshot
/// names the version it used. Version 1 is seeded with <c>InsightMaths.DefaultWeights</c>.
/// </summary>
public sealed class MetricWeights
{
    public int Version { get; set; }
    /// <summary>{"readiness":{"mastery":0.4,…},"collaboration":{…}}: see <c>IndexWeights</c>.</summary>
    public string WeightsJson { get; set; } = "{}";
    public string Note { get; set; } = "";
    /// <summary>Null for the seeded version.</summary>
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>How a goal's measured value compares with its target.</summary>
public enum GoalComparison { AtLeast, AtMost }

/// <summary>
/// A team's goal for a period: a measure of the run (<see cref="MeasureKey"/>, e.g. <c>followthrough</c> or
/// <c>participation.quiz</c>) and a <see cref="Target"/> it should reach. The run records progress on it in the team's snapshot
/// (measure <c>goal</c>, dimension = the goal's id) for every period that ends after <see cref="PeriodStartUtc"/> and starts
/// before <see cref="PeriodEndUtc"/> (null: open-ended).
/// </summary>
public sealed class TeamGoal
{
    public long Id { get; set; }
    public string TeamId { get; set; } = "";
    public DateTime PeriodStartUtc { get; set; }
    /// <summary>Null: the goal stands until removed.</summary>
    public DateTime? PeriodEndUtc { get; set; }
    public string Title { get; set; } = "";
    public string MeasureKey { get; set; } = "";
    /// <summary>On the measure's own scale (a share 0..1, a mean score 1..5).</summary>
    public double Target { get; set; }
    public GoalComparison Comparison { get; set; } = GoalComparison.AtLeast;
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Concurrency token: bumped by every change.</summary>
    public int Sequence { get; set; }
}

/// <summary>
/// How often a signed-in user opened a published item's page on a day (UTC). Counted in memory by <c>ContentViewCounter</c>
/// and added here every few minutes, never one write per page view.
/// </summary>
public sealed class ContentViewCount
{
    public DateOnly Day { get; set; }
    public string ContentItemId { get; set; } = "";
    public string UserId { get; set; } = "";
    public int Count { get; set; }
}
