using SalesAcademy.Core.Insights;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Tests;

/// <summary>The maths and the thin-data rules on plain records (no database): each expected figure is worked out in a comment.</summary>
public sealed class InsightMathsTests
{
    private static readonly DateTime From = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Gini_is_zero_for_an_even_spread_and_n_minus_1_over_n_when_one_person_does_everything()
    {
        Assert.Equal(0, InsightMaths.Gini([2, 2, 2, 2])!.Value, 12);
        Assert.Equal(0.75, InsightMaths.Gini([0, 0, 0, 4])!.Value, 12); // (4 − 1)/4
        // [1, 2, 3]: Σ|xi − xj| over ordered pairs = 2 × (1 + 2 + 1) = 8; / (2 × 3² × 2) = 8/36.
        Assert.Equal(8.0 / 36, InsightMaths.Gini([3, 1, 2])!.Value, 12);
        Assert.Null(InsightMaths.Gini([0, 0, 0])); // nobody contributed
        Assert.Null(InsightMaths.Gini([5])); // one person: no spread to speak of
        Assert.Equal(1 - 8.0 / 36, InsightMaths.Spread([1, 2, 3])!.Value, 12);
    }

    [Fact]
    public void Goal_progress_is_measured_over_target_capped_at_one_and_the_inverse_for_at_most()
    {
        Assert.Equal(0.5, InsightMaths.GoalProgress(0.4, 0.8, GoalComparison.AtLeast), 12);
        Assert.Equal(1, InsightMaths.GoalProgress(0.9, 0.8, GoalComparison.AtLeast), 12);
        Assert.Equal(1, InsightMaths.GoalProgress(2, 3, GoalComparison.AtMost), 12);
        Assert.Equal(0.75, InsightMaths.GoalProgress(4, 3, GoalComparison.AtMost), 12); // 3/4
    }

    [Fact]
    public void A_pulse_dimension_below_3_respondents_is_withheld_and_shown_from_3()
    {
        var two = Team(Pulse("safety", [5, 4]));
        var safety = Value(two, InsightScope.Team, "pulse", "safety");
        Assert.Null(safety.Value);
        Assert.Equal(InsightMaths.PulseTooFewReason, safety.WithheldReason);
        Assert.Equal(9, safety.Numerator); // the sums are kept; only the figure is withheld
        // The overall pulse and the team's collaboration index (it needs the pulse) are withheld too, saying why.
        Assert.Null(Value(two, InsightScope.Team, "pulse", "").Value);
        Assert.Equal(InsightMaths.PulseTooFewReason, Value(two, InsightScope.Team, "index.collaboration", "").WithheldReason);

        var three = Team(Pulse("safety", [5, 4, 3]));
        Assert.Equal(4, Value(three, InsightScope.Team, "pulse", "safety").Value!.Value, 12); // 12/3
    }

    [Fact]
    public void Readiness_is_withheld_below_3_team_attempts_and_names_the_missing_input()
    {
        // Two members, two attempts (below 3): mastery is shown, readiness is not.
        var thin = Team(Mastery("u1", 2, 3), Mastery("u2", 1, 3));
        Assert.Equal(0.5, Value(thin, InsightScope.Team, "mastery", "").Value!.Value, 12); // 3/6
        var readiness = Value(thin, InsightScope.Team, "index.readiness", "");
        Assert.Null(readiness.Value);
        Assert.Equal(InsightMaths.TooFewAttemptsReason, readiness.WithheldReason);
        // A rep needs one attempt: u1's readiness is mastery alone? No: .35 of 1.0 is below half the weight → withheld too.
        Assert.Equal(InsightMaths.TooLittleDataReason, Value(thin, InsightScope.Rep, "index.readiness", "", "u1").WithheldReason);

        // A third attempt (u1 again, 3/3) and quiz-round participation for both: mastery (2 + 1 + 3)/9 = 2/3 from 3 attempts;
        // readiness = (.35 × 2/3 + .10 × 1) / (.35 + .10)? Below .5 of the weight → still withheld; add retention .15 (0.9):
        // (.35 × 2/3 + .15 × .9 + .10 × 1) / .6 = (.233333 + .135 + .1)/.6 = 0.780555…
        var enough = Team(Mastery("u1", 2, 3), Mastery("u2", 1, 3), Mastery("u1", 3, 3),
            Rec("participation.quiz", "u1", 1, 1), Rec("participation.quiz", "u2", 1, 1), Rec("retention", "u1", 0.9, 1));
        Assert.Equal((.35 * 2 / 3 + .15 * .9 + .10) / .6, Value(enough, InsightScope.Team, "index.readiness", "").Value!.Value, 12);
    }

    [Fact]
    public void Collaboration_is_withheld_when_its_components_with_data_carry_less_than_half_the_weight()
    {
        // A rep (no pulse, no spread) with only follow-through: .25 of 1.0 → withheld; with participation too: .5 → shown.
        var few = Team(Rec("followthrough", "u1", 1, 1, "done"));
        Assert.Equal(InsightMaths.TooLittleDataReason, Value(few, InsightScope.Rep, "index.collaboration", "", "u1").WithheldReason);
        var half = Team(Rec("followthrough", "u1", 1, 2, "done"), Rec("participation.vote", "u1", 1, 1));
        // u1: follow-through .5 (.25), participation 1 (.25), sharing 0 (.10): (.125 + .25 + 0)/.6 = .625
        Assert.Equal(0.625, Value(half, InsightScope.Rep, "index.collaboration", "", "u1").Value!.Value, 12);
    }

    [Fact]
    public void A_team_value_is_the_team_level_record_when_a_source_gives_one_else_the_members_sum()
    {
        var snapshots = Team(Rec("cards", null, 7, 1), Rec("cards", "u1", 2, 1), Rec("comments", "u1", 2, 1), Rec("comments", "u2", 3, 1));
        Assert.Equal(7, Value(snapshots, InsightScope.Team, "cards", "").Value!.Value, 12); // anonymous cards counted per team
        Assert.Equal(5, Value(snapshots, InsightScope.Team, "comments", "").Value!.Value, 12); // 2 + 3
        Assert.Equal(2, Value(snapshots, InsightScope.Rep, "cards", "", "u1").Value!.Value, 12);
    }

    private static InsightRecord Rec(string measure, string? user, double n, double d, string dimension = "", int? inputs = null) =>
        new("t", measure, dimension, user, n, d, inputs ?? (int)d);

    private static InsightRecord Mastery(string user, double earned, double possible) => new("t", "mastery", "", user, earned, possible, 1);

    private static InsightRecord Pulse(string dimension, int[] answers) => new("t", "pulse", dimension, null, answers.Sum(), answers.Length, answers.Length);

    private static List<InsightSnapshot> Team(params InsightRecord[] records) =>
        InsightCalculator.Compute(new InsightQuery(From, From.AddDays(7), [new InsightTeam("t", [new("u1", "u1@x"), new("u2", "u2@x")])]),
            records, 1, IndexWeights.Default, [], null, From.AddDays(7));

    private static InsightValue Value(List<InsightSnapshot> snapshots, InsightScope scope, string measure, string dimension, string? user = null) =>
        snapshots.Single(s => s.Scope == scope && s.UserId == user).Values.Single(v => v.Measure == measure && v.Dimension == dimension);
}
