using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// The results maths against a fixture worked out by hand (the figures in the comments were computed on paper, not by the code).
/// Rubric: A weight 30, B weight 35, C weight 35 (total 100).
/// </summary>
public sealed class DrillScoringTests
{
    private static readonly RubricWeight[] Rubric = [new("A", 30), new("B", 35), new("C", 35)];
    private static readonly string[] Roles = ["AccountManager", "DeliveryManager", "SolutionManager"];

    private static RatingScore R(string rater, DrillRaterKind kind, string role, int criterion, int score, string? comment = null) =>
        new(rater, rater, kind, role, criterion, score, comment);

    private static readonly RatingScore[] Ratings =
    [
        // AccountManager, rated by herself (ann), a peer (dan) and the trainer (tia).
        // A: 4, 2, 3 -> mean 9/3 = 3.00, min 2, max 4, spread 2 -> disagreement (2 points)
        R("ann", DrillRaterKind.Self, "AccountManager", 0, 4),
        R("dan", DrillRaterKind.Peer, "AccountManager", 0, 2, "Talked over the customer"),
        R("tia", DrillRaterKind.Trainer, "AccountManager", 0, 3),
        // B: 5, 4, 4 -> mean 13/3 = 4.333..., spread 1
        R("ann", DrillRaterKind.Self, "AccountManager", 1, 5),
        R("dan", DrillRaterKind.Peer, "AccountManager", 1, 4),
        R("tia", DrillRaterKind.Trainer, "AccountManager", 1, 4, "Clear common goal"),
        // C: 3, 3, 2 -> mean 8/3 = 2.666..., spread 1
        R("ann", DrillRaterKind.Self, "AccountManager", 2, 3),
        R("dan", DrillRaterKind.Peer, "AccountManager", 2, 3),
        R("tia", DrillRaterKind.Trainer, "AccountManager", 2, 2),
        // Role score = (30 x 3 + 35 x 13/3 + 35 x 8/3) / 100 = (90 + 455/3 + 280/3) / 100 = (90 + 245) / 100 = 3.35

        // DeliveryManager: a peer (ann) and the trainer; nobody rated C.
        // A: 5, 4 -> mean 4.5, spread 1.   B: 1, 4 -> mean 2.5, spread 3 -> disagreement.   C: unrated.
        R("ann", DrillRaterKind.Peer, "DeliveryManager", 0, 5),
        R("tia", DrillRaterKind.Trainer, "DeliveryManager", 0, 4),
        R("ann", DrillRaterKind.Peer, "DeliveryManager", 1, 1),
        R("tia", DrillRaterKind.Trainer, "DeliveryManager", 1, 4),
        // Role score over the rated criteria only: (30 x 4.5 + 35 x 2.5) / (30 + 35) = (135 + 87.5) / 65 = 222.5 / 65 = 3.4230769...
        // (2 of 3 criteria, 65 of the 100 weight) - not (135 + 87.5) / 100 = 2.225, which would count C as 0.

        // SolutionManager: nobody -> unrated, left out of the team score.
        // The Customer rates but is not rated: a stray rating of that role is not in the results.
        R("dan", DrillRaterKind.Peer, "Customer", 0, 1),
    ];
    // Team score = mean of the rated roles' scores = (3.35 + 222.5/65) / 2 = (3.35 + 3.4230769) / 2 = 3.3865385 (2 of 3 roles).

    [Fact]
    public void Means_spreads_role_and_team_scores_match_the_hand_computed_fixture()
    {
        var results = DrillScoring.Compute(Roles, Rubric, Ratings);

        Assert.Equal(Roles, results.Roles.Select(r => r.RoleKey));
        var am = results.Roles[0];
        Assert.Equal([3.0, 13.0 / 3, 8.0 / 3], am.Criteria.Select(c => c.Mean!.Value));
        Assert.Equal([2, 1, 1], am.Criteria.Select(c => c.Spread!.Value));
        Assert.Equal([2, 4, 2], am.Criteria.Select(c => c.Min!.Value));
        Assert.Equal([4, 5, 3], am.Criteria.Select(c => c.Max!.Value));
        Assert.Equal([true, false, false], am.Criteria.Select(c => c.Disagreement));
        Assert.Equal(3.35, am.Score!.Value, 9);
        Assert.True(am.Complete);
        Assert.Equal((3, 3, 100), (am.CriteriaRated, am.CriteriaTotal, am.WeightRated));
        Assert.Equal([3, 3, 3], am.Criteria.Select(c => c.Ratings.Count));

        var dm = results.Roles[1];
        Assert.Equal(4.5, dm.Criteria[0].Mean);
        Assert.Equal(2.5, dm.Criteria[1].Mean);
        Assert.Equal(3, dm.Criteria[1].Spread);
        Assert.True(dm.Criteria[1].Disagreement);
        Assert.False(dm.Criteria[2].Rated);
        Assert.Null(dm.Criteria[2].Mean);
        Assert.Null(dm.Criteria[2].Spread);
        Assert.False(dm.Criteria[2].Disagreement);
        Assert.Equal(3.4230769231, dm.Score!.Value, 9);
        Assert.False(dm.Complete);
        Assert.Equal((2, 3, 65), (dm.CriteriaRated, dm.CriteriaTotal, dm.WeightRated));

        var sm = results.Roles[2];
        Assert.Null(sm.Score);
        Assert.Equal(0, sm.CriteriaRated);

        Assert.Equal(3.3865384615, results.TeamScore!.Value, 9);
        Assert.Equal(2, results.RolesRated);
        Assert.Equal(2, results.DisagreementCount);
    }

    [Fact]
    public void Comments_are_kept_with_their_rater_and_criterion_and_the_customer_is_never_rated()
    {
        var results = DrillScoring.Compute(Roles, Rubric, Ratings);
        var comments = results.Roles[0].Comments.Select(c => (c.Criterion.Criterion, c.Rating.RaterName, c.Rating.Kind, c.Rating.Comment)).ToList();
        Assert.Equal([("A", "dan", DrillRaterKind.Peer, "Talked over the customer"), ("B", "tia", DrillRaterKind.Trainer, "Clear common goal")], comments);
        Assert.DoesNotContain(results.Roles, r => r.RoleKey == "Customer");
        Assert.Empty(results.Roles[1].Comments);
    }

    [Fact]
    public void Nobody_rated_means_no_team_score_rather_than_zero()
    {
        var results = DrillScoring.Compute(Roles, Rubric, []);
        Assert.Null(results.TeamScore);
        Assert.All(results.Roles, r => Assert.Null(r.Score));
        // One rater alone never disagrees: spread 0.
        var single = DrillScoring.Compute(["AccountManager"], Rubric, [R("ann", DrillRaterKind.Self, "AccountManager", 0, 5)]);
        Assert.Equal(0, single.Roles[0].Criteria[0].Spread);
        Assert.Equal(5.0, single.Roles[0].Score); // 30 x 5 / 30
        Assert.Equal(5.0, single.TeamScore);
    }
}
