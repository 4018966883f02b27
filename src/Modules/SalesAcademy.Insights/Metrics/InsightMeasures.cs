namespace SalesAcademy.Insights.Metrics;

/// <summary>
/// The measure keys stored in <c>InsightValue.Measure</c>. The Core contract's sources report the raw ones
/// (<c>SalesAcademy.Core.Insights.InsightMeasureKeys</c>); the run derives the rest (participation shares, spread, goals,
/// the indices). What each means and where it comes from: docs/insights.md.
/// </summary>
public static class InsightMeasures
{
    // Raw, from the modules' sources (same strings as Core.Insights.InsightMeasureKeys).
    /// <summary>Share of points earned in finished quiz attempts, by taxonomy tag ("" = all tags). 0..1.</summary>
    public const string Mastery = "mastery";
    /// <summary>Mean FSRS retrievability of the rep's review cards at the period's end, by tag. 0..1.</summary>
    public const string Retention = "retention";
    /// <summary>Mean drill score (1..5) by rubric criterion, from finalised sessions.</summary>
    public const string DrillCriterion = "drill.criterion";
    /// <summary>Mean weighted role score (1..5) by role, from finalised sessions.</summary>
    public const string DrillRole = "drill.role";
    /// <summary>Mean weighted role score (1..5) over every role played ("" dimension); the readiness component.</summary>
    public const string DrillScore = "drill";
    /// <summary>Retro actions due in the period: dimension "done" (done by the due date), "carried" (carried over), "overdue".</summary>
    public const string FollowThrough = "followthrough";
    /// <summary>Mean answer (1..5) by pulse dimension, from pulses closed in the period; withheld below 3 respondents.</summary>
    public const string Pulse = "pulse";
    /// <summary>Retro cards written (team-level: retro cards are anonymous).</summary>
    public const string Cards = "cards";
    /// <summary>Comments written.</summary>
    public const string Comments = "comments";
    /// <summary>Contributions: dimension "contributed" (submitted) and "published".</summary>
    public const string SharingCases = "sharing.cases";
    /// <summary>Content views in the period.</summary>
    public const string SharingViews = "sharing.views";

    // Participation: share of the team's members who took part (per rep: 1 or 0).
    public const string ParticipationQuiz = "participation.quiz";
    public const string ParticipationDrill = "participation.drill";
    public const string ParticipationRetro = "participation.retro";
    public const string ParticipationVote = "participation.vote";
    public const string ParticipationPulse = "participation.pulse";
    /// <summary>Mean of the participation shares the team has inputs for.</summary>
    public const string Participation = "participation";

    // Derived by the run.
    /// <summary>1 − Gini of each member's contributions (comments + cases contributed + drill submissions) in the period. 0..1.</summary>
    public const string Spread = "spread";
    /// <summary>Knowledge sharing, normalised: the share of members who contributed a case or wrote a comment. 0..1.</summary>
    public const string Sharing = "sharing";
    /// <summary>Progress on a team goal (dimension = goal id): 0..1, 1 = reached.</summary>
    public const string Goal = "goal";
    public const string ReadinessIndex = "index.readiness";
    public const string CollaborationIndex = "index.collaboration";

    /// <summary>The measures that are counts (denominator 1 per record): a team's value is the members' total.</summary>
    public static readonly IReadOnlySet<string> Counts = new HashSet<string>(StringComparer.Ordinal) { Cards, Comments, SharingCases, SharingViews };
}
