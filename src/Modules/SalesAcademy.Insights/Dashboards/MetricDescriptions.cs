using SalesAcademy.Insights.Metrics;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>One measure as /about/metrics explains it: English PO msgids for what it is, where it comes from, its scale
/// and the minimum inputs below which it is withheld.</summary>
public sealed record MetricDescription(string Measure, string Meaning, string Source, string Scale, string MinimumInputs, params object[] MinimumArgs);

/// <summary>The measures behind the two indices, as /about/metrics explains them (docs/insights.md says the same at length).</summary>
public static class MetricDescriptions
{
    public static readonly IReadOnlyList<MetricDescription> Components =
    [
        new(InsightMeasures.Mastery, "Share of the points earned in finished quiz attempts of the period.", "Quizzes: finished attempts",
            "0 to 1", "At least {0} finished quiz attempts in a team, {1} for a rep.", InsightMaths.MinTeamQuizAttempts, InsightMaths.MinRepQuizAttempts),
        new(InsightMeasures.Retention, "Mean chance of recalling a review card now (FSRS retrievability) at the end of the period.", "Quizzes: the daily review deck",
            "0 to 1", "At least one reviewed card."),
        new(InsightMeasures.DrillScore, "Mean weighted role score in finalised drill sessions, rescaled from 1–5 to 0–1 as (score − 1) ÷ 4.", "Drill sessions: finalised scores",
            "1 to 5, used as 0 to 1", "At least one finalised session."),
        new(InsightMeasures.ParticipationQuiz, "Share of the members who took the period's quiz rounds.", "Quizzes: round assignments", "0 to 1", "A quiz round in the period."),
        new(InsightMeasures.ParticipationDrill, "Share of the members who played in a drill session.", "Drill sessions", "0 to 1", "A drill session in the period."),
        new(InsightMeasures.FollowThrough, "Share of the retro actions due in the period that were done by their due date.", "Retrospectives: actions",
            "0 to 1", "At least one action due in the period."),
        new(InsightMeasures.Participation, "Mean of the participation shares the team has inputs for: quiz rounds, drills, reflecting, voting, the pulse.",
            "Quizzes, drill sessions, retrospectives, pulses", "0 to 1", "At least one of them in the period."),
        new(InsightMeasures.Spread, "How evenly contributions (comments, cases contributed, retro cards) are spread over the members: 1 − Gini.",
            "Comments, Content, retrospectives", "0 to 1 (1: perfectly even)", "At least 2 members and one contribution."),
        new(InsightMeasures.Pulse, "Mean answer of the team-health pulses closed in the period, rescaled from 1–5 to 0–1.", "Pulses",
            "1 to 5, used as 0 to 1", "At least {0} respondents (fewer are never shown).", InsightMaths.MinPulseRespondents),
        new(InsightMeasures.Sharing, "Share of the members who contributed a case or wrote a comment.", "Content, Comments", "0 to 1", "A team with members."),
    ];
}
