using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Comments.Data;
using SalesAcademy.Comments.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;
using SalesAcademy.Insights.Services;
using SalesAcademy.Pulses.Data;
using SalesAcademy.Pulses.Models;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Rounds;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Insights.Tests;

/// <summary>
/// The deterministic fixture: one team (lead L, reps A, B, C) over four weekly insights cycles W1..W4 starting Monday
/// 2026-11-02 00:00 UTC, with activity written into each module's own tables (quiz rounds and attempts, a review card, pulses,
/// a retro with actions linked to content, one drill session, comments). The insights cycle kind runs each week through the
/// real sources; every figure asserted is worked out by hand in the comments.
/// </summary>
public abstract class InsightsFixtureTests(InsightsPortal portal)
{
    private static readonly DateTime T0 = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
    private const double Eps = 1e-9;
    private PortalFactory Factory => portal.Factory;

    private sealed record World(string TeamId, ApiUser L, ApiUser A, ApiUser B, ApiUser C, string Q1, string Q2, string Tag1, long GoalFollow, long GoalQuiz);

    private static DateTime Week(int w) => T0.AddDays(7 * (w - 1)); // start of week w (1-based)

    [Fact]
    public async Task Four_weekly_cycles_give_the_hand_computed_snapshots_indices_and_goal_progress()
    {
        var world = await SeedAsync();
        for (var w = 1; w <= 4; w++) await RunCycleAsync(world.TeamId, w);

        var team = await ReadAsync(s => s.TeamAsync(world.TeamId));
        Assert.Equal(4, team.Count);
        Assert.Equal(Enumerable.Range(1, 4).Select(Week), team.Select(s => s.PeriodStartUtc));
        Assert.All(team, s => Assert.Equal(1, s.WeightsVersion));
        Assert.Equal(Week(4).AddDays(7).AddHours(1), team[3].ComputedUtc); // the pinned clock

        // ---- W1: quiz round (A, B, C finished, L missed it), attempts, a pulse with 2 respondents, A's review card.
        var w1 = team[0];
        // Mastery (all tags): A 2/3, B (1 + 1)/3, C 1/3 → (2 + 2 + 1) / (3 + 3 + 3) = 5/9 from 3 attempts.
        AssertValue(w1, "mastery", "", 5.0 / 9, inputs: 3);
        // Mastery of Q1's tag (Q2 does not carry it): Q1 is 2 points: A 2, B 1, C 0 → 3/6.
        AssertValue(w1, "mastery", world.Tag1, 0.5);
        // Quiz round: 3 of 4 assignments completed.
        AssertValue(w1, "participation.quiz", "", 0.75);
        // Retention: A's card, stability 10, last review 2026-11-03; 6 days later R = (1 + 19/81 × 6/10)^-0.5 = 0.936281675898…
        var r1 = Math.Pow(1 + 19.0 / 81 * 6 / 10, -0.5);
        AssertValue(w1, "retention", "", r1, inputs: 1);
        // Pulse: 2 respondents → each dimension withheld, and so the collaboration index (its required component).
        var safety1 = w1.Find("pulse", "safety")!;
        Assert.Null(safety1.Value);
        Assert.Equal(InsightMaths.PulseTooFewReason, safety1.WithheldReason);
        var collab1 = w1.Find("index.collaboration")!;
        Assert.Null(collab1.Value);
        Assert.Equal(InsightMaths.PulseTooFewReason, collab1.WithheldReason);
        // Readiness: mastery .35 × 5/9 + retention .15 × r1 + quiz participation .10 × .75; no drill (.30), no drill session (.10):
        // covered weight .60 ≥ .5 → (.35 × 5/9 + .15 × .93628 + .075) / .6 = 0.683144493…
        AssertValue(w1, "index.readiness", "", (.35 * 5 / 9 + .15 * r1 + .10 * .75) / .6);
        // Goal "everyone takes the quiz round" (participation.quiz ≥ 1, from W1): .75 / 1.
        AssertValue(w1, "goal", world.GoalQuiz.ToString(), 0.75);
        Assert.Null(w1.Find("goal", world.GoalFollow.ToString())); // starts in W3

        // A's own W1: mastery 2/3 (1 attempt ≥ 1), retention r1, quiz round 1/1 → (.35 × 2/3 + .15 × r1 + .10) / .6 = 0.78962597…
        var a1 = (await ReadAsync(s => s.RepAsync(world.A.Id, world.TeamId)))[0];
        AssertValue(a1, "mastery", "", 2.0 / 3, inputs: 1);
        AssertValue(a1, "index.readiness", "", (.35 * 2 / 3 + .15 * r1 + .10) / .6);
        // L missed the round: 0/1, and with no attempt the readiness index is withheld for want of mastery.
        var l1 = (await ReadAsync(s => s.RepAsync(world.L.Id, world.TeamId)))[0];
        AssertValue(l1, "participation.quiz", "", 0);
        Assert.Null(l1.Find("index.readiness")!.Value);
        Assert.Equal(InsightMaths.TooFewAttemptsReason, l1.Find("index.readiness")!.WithheldReason);

        // ---- W2: the retro (3 writers of 4, 5 cards, A and B voted), a pulse with 4 respondents, comments A 2, B 1, C 1.
        var w2 = team[1];
        AssertValue(w2, "participation.retro", "", 0.75);
        AssertValue(w2, "participation.vote", "", 0.5);
        AssertValue(w2, "cards", "", 5);
        // Pulse: safety 4, 5, 3, 4 → 16/4 = 4; clarity 2, 3, 3, 4 → 12/4 = 3; overall (4 + 3)/2 = 3.5; respondents 4 of 4.
        AssertValue(w2, "pulse", "safety", 4, inputs: 4);
        AssertValue(w2, "pulse", "clarity", 3, inputs: 4);
        AssertValue(w2, "pulse", "", 3.5);
        AssertValue(w2, "participation.pulse", "", 1);
        // Participation = mean(retro .75, vote .5, pulse 1) = .75.
        AssertValue(w2, "participation", "", 0.75);
        // Spread: contributions L 0, A 2, B 1, C 1; Gini = Σ(2i − n − 1)x / (n Σx) over [0, 1, 1, 2] = (0 − 1 + 1 + 6) / (4 × 4) = .375 → 1 − .375.
        AssertValue(w2, "spread", "", 0.625);
        // Sharing: A, B and C commented → 3/4.
        AssertValue(w2, "sharing", "", 0.75);
        // Collaboration: follow-through missing (no action due in W2); participation .25 × .75 + spread .20 × .625 + pulse .20 ×
        // (3.5 − 1)/4 + sharing .10 × .75 = .5125 over covered .75 → 0.683333…
        AssertValue(w2, "index.collaboration", "", 0.5125 / 0.75);
        // No attempts in W2: readiness withheld, naming the missing input.
        Assert.Null(w2.Find("index.readiness")!.Value);
        Assert.Equal(InsightMaths.TooFewAttemptsReason, w2.Find("index.readiness")!.WithheldReason);
        // The quiz goal has no data this week: withheld with the reason.
        Assert.Equal(InsightMaths.NoGoalDataReason, w2.Find("goal", world.GoalQuiz.ToString())!.WithheldReason);

        // ---- W3: the three actions fall due (A's done, B's carried over, C's open) and the drill session is finalised.
        var w3 = team[2];
        AssertValue(w3, "followthrough", "done", 1.0 / 3, inputs: 3);
        AssertValue(w3, "followthrough", "carried", 1.0 / 3);
        AssertValue(w3, "followthrough", "overdue", 2.0 / 3); // B's (carried over, still open) and C's
        // Drill: A (AccountManager) rated 4, 5 by L and 4, 3 by C → criterion means 4 and 4 → (60 × 4 + 40 × 4)/100 = 4;
        // B (SolutionManager) 3, 2 and 5, 4 → means 4 and 3 → (240 + 120)/100 = 3.6. Team: (4 + 3.6)/2 = 3.8.
        AssertValue(w3, "drill", "", 3.8);
        AssertValue(w3, "drill.role", "AccountManager", 4);
        AssertValue(w3, "drill.criterion", "Clear roles", 4); // A 4, B 4
        AssertValue(w3, "drill.criterion", "One answer", 3.5); // A 4, B 3
        AssertValue(w3, "participation.drill", "", 0.75); // A, B and C (the customer) of 4
        // Goal "actions done on time ≥ 80 %": (1/3) / .8 = 0.416666…; its numerator is the measured share.
        var goal3 = w3.Find("goal", world.GoalFollow.ToString())!;
        Assert.Equal((1.0 / 3) / 0.8, goal3.Value!.Value, 9);
        Assert.Equal(1.0 / 3, goal3.Numerator, 9);
        Assert.Equal(0.8, goal3.Denominator, 9);
        // No pulse in W3: the team's collaboration is withheld for it.
        Assert.Equal(InsightMaths.NoPulseReason, w3.Find("index.collaboration")!.WithheldReason);
        // A's own W3 collaboration: follow-through 1/1, participation 1 (the drill), sharing 0; no spread, no pulse (a rep has
        // none; not required) → (.25 × 1 + .25 × 1 + .10 × 0) / (.25 + .25 + .10) = 0.8333…
        var a3 = (await ReadAsync(s => s.RepAsync(world.A.Id, world.TeamId)))[2];
        AssertValue(a3, "index.collaboration", "", 0.5 / 0.6);

        // ---- W4: a second quiz round everyone took, a pulse with 3 respondents.
        var w4 = team[3];
        // Mastery: L 3/3, A 3/3, B 2/3, C 0/3 → 8/12 from 4 attempts.
        AssertValue(w4, "mastery", "", 8.0 / 12, inputs: 4);
        AssertValue(w4, "participation.quiz", "", 1);
        // Pulse: safety 4, 4, 4 → 4; clarity 5, 4, 3 → 4: shown (3 respondents), overall 4.
        AssertValue(w4, "pulse", "safety", 4, inputs: 3);
        AssertValue(w4, "pulse", "", 4);
        // Retention 27 days after the review: (1 + 19/81 × 2.7)^-0.5 = 0.782460796…
        var r4 = Math.Pow(1 + 19.0 / 81 * 27 / 10, -0.5);
        AssertValue(w4, "retention", "", r4);
        // Readiness: (.35 × 8/12 + .15 × r4 + .10 × 1) / .6 = 0.75117075…
        AssertValue(w4, "index.readiness", "", (.35 * 8 / 12 + .15 * r4 + .10) / .6);
        // Participation = mean(quiz 1, pulse .75) = .875; spread withheld (nobody contributed); sharing 0/4.
        AssertValue(w4, "participation", "", 0.875);
        Assert.Equal(InsightMaths.NoContributionsReason, w4.Find("spread")!.WithheldReason);
        AssertValue(w4, "sharing", "", 0);
        // Collaboration: participation .25 × .875 + pulse .20 × (4 − 1)/4 + sharing .10 × 0 = .36875 over covered .55 → 0.670454…
        AssertValue(w4, "index.collaboration", "", 0.36875 / 0.55);
        // The quiz goal reached: 1.
        AssertValue(w4, "goal", world.GoalQuiz.ToString(), 1);
    }

    [Fact]
    public async Task Running_a_period_again_replaces_its_snapshots_and_new_weights_apply_only_to_later_runs()
    {
        var world = await SeedAsync();
        await RunCycleAsync(world.TeamId, 2);
        var first = (await ReadAsync(s => s.TeamAsync(world.TeamId))).Single();
        await RunCycleAsync(world.TeamId, 2); // the same run again (a duplicate fire)
        await RunCycleAsync(world.TeamId, 2, runId: 999); // "run now" for the same period
        int version;

        var again = (await ReadAsync(s => s.TeamAsync(world.TeamId))).Single();
        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(999, again.RunId);
        Assert.Equal(first.Values.Select(v => (v.Measure, v.Dimension, v.Value)), again.Values.Select(v => (v.Measure, v.Dimension, v.Value)));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            Assert.Equal(5, await db.Snapshots.CountAsync(s => s.TeamId == world.TeamId)); // the team and its 4 members, once
            var ids = await db.Snapshots.Where(s => s.TeamId == world.TeamId).Select(s => s.Id).ToListAsync();
            Assert.Equal(await db.Values.CountAsync(v => ids.Contains(v.SnapshotId)), again.Values.Count
                + (await ReadAsync(s => s.MembersAsync(world.TeamId, Week(2)))).Sum(m => m.Values.Count)); // no orphaned values

            // A new weights version (collaboration on the pulse alone): W4 run after it uses it; W2 keeps version 1. Removed at the
            // end, so the other test of the class computes with version 1 whatever the order.
            version = await db.Weights.MaxAsync(w => w.Version) + 1;
            db.Weights.Add(new MetricWeights
            {
                Version = version, Note = "pulse only", CreatedUtc = DateTime.UtcNow,
                WeightsJson = new IndexWeights(IndexWeights.Default.Readiness, new Dictionary<string, double> { ["pulse"] = 1 }).ToJson(),
            });
            await db.SaveChangesAsync();
        }
        try
        {
            await RunCycleAsync(world.TeamId, 4);
            var snapshots = await ReadAsync(s => s.TeamAsync(world.TeamId));
            Assert.Equal([1, version], snapshots.Select(s => s.WeightsVersion));
            AssertValue(snapshots[1], "index.collaboration", "", 0.75); // W4 pulse 4 → (4 − 1)/4
            Assert.Equal(0.5125 / 0.75, snapshots[0].Find("index.collaboration")!.Value!.Value, 9); // W2 untouched
            Assert.Equal(version, (await ReadAsync(s => s.CurrentWeightsAsync())).Version);
        }
        finally
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InsightsDbContext>().Weights.Where(w => w.Version == version).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Goals_are_set_by_the_team_lead_with_clear_refusals_and_others_get_404()
    {
        var people = new ApiPeople(Factory);
        var world = await SeedAsync();
        var url = $"/api/v1/insights/teams/{world.TeamId}/goals";
        // A rep of the team sees the goals but may not set one; a lead of another team sees nothing.
        var list = await (await people.GetAsync(world.A, url)).JsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal(2, list.AsArray().Count);
        await (await people.SendAsync(world.A, HttpMethod.Post, url, new { title = "x", measure = "mastery", target = 0.5, periodStartUtc = Week(1) }))
            .StatusAsync(System.Net.HttpStatusCode.NotFound);
        var stranger = await people.NewAsync(PortalRoles.TeamLead);
        await (await people.GetAsync(stranger, url)).StatusAsync(System.Net.HttpStatusCode.NotFound);

        // Bad input names the field.
        var bad = await (await people.SendAsync(world.L, HttpMethod.Post, url, new { title = "x", measure = "no-such", target = 1, periodStartUtc = Week(1) }))
            .JsonAsync(System.Net.HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Measure: choose one of the listed measures.", (string)bad["errors"]!["measure"]![0]!);

        // A change based on the version read is saved (sequence + 1); the same stale version again is a 409, nothing lost.
        var goalUrl = $"{url}/{world.GoalQuiz}";
        var changed = await (await people.SendAsync(world.L, HttpMethod.Put, goalUrl,
            new { title = "Everyone, every round", measure = "participation.quiz", target = 1, periodStartUtc = Week(1), sequence = 0 })).JsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal(1, (int)changed["sequence"]!);
        await (await people.SendAsync(world.L, HttpMethod.Put, goalUrl,
            new { title = "Stale", measure = "participation.quiz", target = 1, periodStartUtc = Week(1), sequence = 0 })).StatusAsync(System.Net.HttpStatusCode.Conflict);
        Assert.Contains((await (await people.GetAsync(world.A, url)).JsonAsync(System.Net.HttpStatusCode.OK)).AsArray(),
            g => (string)g!["title"]! == "Everyone, every round");

        await (await people.SendAsync(world.L, HttpMethod.Delete, goalUrl)).StatusAsync(System.Net.HttpStatusCode.NoContent);
        Assert.Single((await (await people.GetAsync(world.L, url)).JsonAsync(System.Net.HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task Content_views_are_counted_in_memory_written_by_the_periodic_task_and_reported_per_member()
    {
        var world = await SeedAsync();
        portal.Clock.Pin(Week(2).AddDays(1));
        try
        {
            var views = Factory.Services.GetRequiredService<SalesAcademy.Core.Insights.IContentViews>();
            for (var i = 0; i < 3; i++) views.Viewed(world.Q1, world.B.Id);
            views.Viewed(world.Q2, world.B.Id);
            views.Viewed(world.Q2, null); // an anonymous reader: not counted
            await using (var scope = Factory.Services.CreateAsyncScope())
            {
                Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ContentViewFlush>().RunAsync(CancellationToken.None)); // two (day, item, user) keys
                var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
                Assert.Equal(4, await db.ContentViews.Where(v => v.UserId == world.B.Id).SumAsync(v => v.Count));
            }
        }
        finally
        {
            portal.Clock.Release();
        }
        await RunCycleAsync(world.TeamId, 2);
        var b2 = (await ReadAsync(s => s.RepAsync(world.B.Id, world.TeamId))).Single();
        AssertValue(b2, "sharing.views", "", 4);
        AssertValue((await ReadAsync(s => s.TeamAsync(world.TeamId))).Single(), "sharing.views", "", 4); // a count: the members' total
    }

    private static void AssertValue(InsightSnapshotView snapshot, string measure, string dimension, double expected, int? inputs = null)
    {
        var value = snapshot.Find(measure, dimension);
        Assert.True(value is not null, $"{snapshot.Scope} {snapshot.PeriodStartUtc:yyyy-MM-dd}: no value {measure}/{dimension}");
        Assert.True(value!.Value is not null, $"{measure}/{dimension} withheld: {value.WithheldReason}");
        Assert.True(Math.Abs(expected - value.Value!.Value) < Eps, $"{measure}/{dimension}: expected {expected}, got {value.Value}");
        if (inputs is not null) Assert.Equal(inputs, value.Inputs);
    }

    private async Task<T> ReadAsync<T>(Func<InsightSnapshots, Task<T>> read)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InsightSnapshots>());
    }

    /// <summary>Week w's cycle fires at the start of week w + 1 and covers the 7 days before it.</summary>
    private async Task RunCycleAsync(string teamId, int w, long? runId = null)
    {
        portal.Clock.Pin(Week(w).AddDays(7).AddHours(1));
        try
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var kind = scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == "insights");
            var result = await kind.RunAsync(new CycleRunContext(1, runId ?? 100 + w, "insights", CyclePhase.Open, [teamId], Week(w).AddDays(7),
                null, null, "{}"), CancellationToken.None);
            Assert.Equal(1, result.Targeted);
            Assert.Equal(5, result.Completed);
        }
        finally
        {
            portal.Clock.Release();
        }
    }

    private async Task<World> SeedAsync()
    {
        var people = new ApiPeople(Factory);
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roster = services.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Insights team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        var l = await people.NewAsync(PortalRoles.TeamLead);
        Assert.Null(await roster.AddMemberAsync(team!.Id, l.Email, TeamRoles.Lead));
        var reps = new List<ApiUser>();
        foreach (var role in new[] { "AccountManager", "SolutionManager", "DeliveryManager" })
        {
            var rep = await people.NewAsync(PortalRoles.Rep);
            Assert.Null(await roster.AddMemberAsync(team.Id, rep.Email, role));
            reps.Add(rep);
        }
        var (a, b, c) = (reps[0], reps[1], reps[2]);

        // Two published questions: Q1 with a tag Q2 does not carry.
        var questions = (await services.GetRequiredService<PublishedContent>().ListAsync("Question")).Where(q => q.As<TagsPart>().Tags.Count > 0).ToList();
        var q1 = questions.First(q => questions.Any(o => !o.As<TagsPart>().Tags.Contains(q.As<TagsPart>().Tags[0])));
        var tag1 = q1.As<TagsPart>().Tags[0];
        var q2 = questions.First(o => !o.As<TagsPart>().Tags.Contains(tag1));

        var quizzes = services.GetRequiredService<QuizzesDbContext>();
        var quiz = "fixture-quiz-" + team.Id;
        var number = 0;
        void Attempt(ApiUser who, DateTime finished, double f1, double f2) => quizzes.Attempts.Add(new QuizAttempt
        {
            QuizItemId = quiz, QuizVersionId = "v1", UserId = who.Id, UserName = who.Email, Number = ++number, State = AttemptState.Submitted,
            StartedUtc = finished.AddMinutes(-10), FinishedUtc = finished, Score = 2 * f1 + f2, MaxScore = 3,
            Questions =
            [
                new AttemptQuestion { Slot = 0, QuestionItemId = q1.ContentItemId, QuestionVersionId = "v", Points = 2, Fraction = f1 },
                new AttemptQuestion { Slot = 1, QuestionItemId = q2.ContentItemId, QuestionVersionId = "v", Points = 1, Fraction = f2 },
            ],
        });
        void Assign(long run, ApiUser who, DateTime due, bool completed) => quizzes.Assignments.Add(new QuizAssignment
        {
            RunId = run, CycleId = 1, QuizItemId = quiz, TeamId = team.Id, UserId = who.Id, UserName = who.Email, AssignedUtc = due.AddDays(-2),
            DueUtc = due, State = completed ? AssignmentState.Completed : AssignmentState.Missing,
        });
        // W1 round (due Thursday): A 2/3, B 1/3 + 1/3, C 1/3; L missed it.
        var w1Run = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        foreach (var (who, took) in new[] { (l, false), (a, true), (b, true), (c, true) }) Assign(w1Run, who, Week(1).AddDays(3), took);
        Attempt(a, Week(1).AddDays(2), 1, 0);
        Attempt(b, Week(1).AddDays(2), 0.5, 1);
        Attempt(c, Week(1).AddDays(2), 0, 1);
        // W4 round: everyone; L 3/3, A 3/3, B 1/2 of Q1 + Q2, C nothing right.
        foreach (var who in new[] { l, a, b, c }) Assign(w1Run + 1, who, Week(4).AddDays(3), true);
        Attempt(l, Week(4).AddDays(2), 1, 1);
        Attempt(a, Week(4).AddDays(2), 1, 1);
        Attempt(b, Week(4).AddDays(2), 0.5, 1);
        Attempt(c, Week(4).AddDays(2), 0, 0);
        // A's review card on Q1, last reviewed on Tuesday of W1 with stability 10.
        var card = new ReviewCard { UserId = a.Id, QuestionItemId = q1.ContentItemId, State = CardState.Review, DueUtc = Week(1).AddDays(11),
            Stability = 10, Difficulty = 5, Reps = 1, LastReviewUtc = Week(1).AddDays(1), CreatedUtc = Week(1) };
        quizzes.ReviewCards.Add(card);
        await quizzes.SaveChangesAsync();
        quizzes.ReviewLog.Add(new ReviewLogEntry { CardId = card.Id, UserId = a.Id, Rating = ReviewRating.Good, ReviewedUtc = Week(1).AddDays(1),
            Stability = 10, Difficulty = 5, State = CardState.Review });
        await quizzes.SaveChangesAsync();

        // Pulses: W1 2 respondents, W2 4, W4 3 (closed on Friday).
        var pulses = services.GetRequiredService<PulsesDbContext>();
        var pulseRun = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        async Task PulseAsync(int w, int[] safety, int[] clarity)
        {
            var pulse = new Pulse { CycleId = 1, RunId = pulseRun + w, TeamId = team.Id, PackItemId = "pack", PackVersionId = "pv", PackVersionNumber = 1,
                OpenedUtc = Week(w), ClosesUtc = Week(w).AddDays(4), ClosedUtc = Week(w).AddDays(4), Respondents = safety.Length };
            pulses.Pulses.Add(pulse);
            await pulses.SaveChangesAsync();
            foreach (var v in safety) pulses.Answers.Add(new PulseAnswer { Id = Guid.NewGuid(), PulseId = pulse.Id, PackVersionId = "pv", DimensionKey = "safety", StatementKey = "s1", Value = v });
            foreach (var v in clarity) pulses.Answers.Add(new PulseAnswer { Id = Guid.NewGuid(), PulseId = pulse.Id, PackVersionId = "pv", DimensionKey = "clarity", StatementKey = "c1", Value = v });
            await pulses.SaveChangesAsync();
        }
        await PulseAsync(1, [4, 2], [3, 3]);
        await PulseAsync(2, [4, 5, 3, 4], [2, 3, 3, 4]);
        await PulseAsync(4, [4, 4, 4], [5, 4, 3]);

        // The retro, closed on W2's Wednesday: 3 writers, 5 anonymous cards, A and B voted; three actions due in W3, linked to Q1.
        var retros = services.GetRequiredService<RetrosDbContext>();
        var retro = new Retro { TeamId = team.Id, Title = "W2 retro", TemplateItemId = "t", TemplateVersionId = "tv", Phase = RetroPhase.Closed,
            Writers = 3, CreatedUtc = Week(2).AddDays(2).AddHours(-1), ClosedUtc = Week(2).AddDays(2) };
        var later = new Retro { TeamId = team.Id, Title = "W4 retro (open)", TemplateItemId = "t", TemplateVersionId = "tv", Phase = RetroPhase.Review,
            CreatedUtc = Week(4).AddDays(1) };
        retros.Retros.AddRange(retro, later);
        await retros.SaveChangesAsync();
        for (var i = 0; i < 5; i++) retros.Cards.Add(new RetroCard { RetroId = retro.Id, PromptKey = "start", Text = "card " + i });
        retros.Votes.Add(new RetroVote { RetroId = retro.Id, GroupId = 1, UserId = a.Id });
        retros.Votes.Add(new RetroVote { RetroId = retro.Id, GroupId = 1, UserId = a.Id });
        retros.Votes.Add(new RetroVote { RetroId = retro.Id, GroupId = 1, UserId = b.Id });
        RetroAction Action(ApiUser owner, RetroActionStatus status) => new()
        {
            RetroId = retro.Id, TeamId = team.Id, Text = "Fix the question", OwnerUserId = owner.Id, DueUtc = DateOnly.FromDateTime(Week(3).AddDays(2)),
            Status = status, LinkedContentItemId = q1.ContentItemId, LinkedContentType = "Question", CreatedUtc = retro.ClosedUtc!.Value,
            ClosedUtc = status == RetroActionStatus.Done ? Week(4).AddDays(1) : null,
        };
        var (done, carried, open) = (Action(a, RetroActionStatus.Done), Action(b, RetroActionStatus.CarriedOver), Action(c, RetroActionStatus.Open));
        retros.Actions.AddRange(done, carried, open);
        await retros.SaveChangesAsync();
        retros.ActionReviews.Add(new RetroActionReview { RetroId = later.Id, ActionId = done.Id, Outcome = RetroActionStatus.Done, ReviewedUtc = Week(4).AddDays(1) });
        retros.ActionReviews.Add(new RetroActionReview { RetroId = later.Id, ActionId = carried.Id, Outcome = RetroActionStatus.CarriedOver, ReviewedUtc = Week(4).AddDays(1) });
        await retros.SaveChangesAsync();

        // Comments in W2: A 2, B 1, C 1.
        var comments = services.GetRequiredService<CommentsDbContext>();
        foreach (var who in new[] { a, a, b, c })
            comments.Comments.Add(new Comment { ContentItemId = q1.ContentItemId, Author = who.Email, AuthorName = who.Email, Markdown = "Useful.",
                CreatedUtc = Week(2).AddDays(3) });
        await comments.SaveChangesAsync();

        // The drill session, finalised on W3's Thursday: A AccountManager, B SolutionManager, C the customer; L (trainer) and C rate.
        var drills = services.GetRequiredService<DrillSessionsDbContext>();
        var part = new DrillPart
        {
            Scenario = "A utility", DurationMinutes = 30,
            Roles = [new DrillRole { Role = "AccountManager", Brief = "a" }, new DrillRole { Role = "SolutionManager", Brief = "s" }],
            Steps = [new DrillStep { Title = "Meet", Minutes = 10 }],
            Rubric = [new RubricCriterion { Criterion = "Clear roles", Weight = 60 }, new RubricCriterion { Criterion = "One answer", Weight = 40 }],
        };
        var session = new DrillSession { TeamId = team.Id, DrillContentItemId = "fixture-drill", DrillVersion = "v1", DrillJson = JsonSerializer.Serialize(part),
            DrillSlug = "fixture-drill", DrillCulture = "en", Title = "Fixture drill", ScheduledUtc = Week(3).AddDays(1), Status = DrillSessionStatus.Closed,
            FacilitatorUserId = l.Id, CreatedUtc = Week(3), ScoringClosedUtc = Week(3).AddDays(2), FinalizedUtc = Week(3).AddDays(3), FinalizedByUserId = l.Id };
        drills.Sessions.Add(session);
        await drills.SaveChangesAsync();
        drills.Participants.AddRange(
            new DrillParticipant { SessionId = session.Id, UserId = a.Id, RoleKey = "AccountManager" },
            new DrillParticipant { SessionId = session.Id, UserId = b.Id, RoleKey = "SolutionManager" },
            new DrillParticipant { SessionId = session.Id, UserId = c.Id, RoleKey = DrillParticipant.CustomerRole });
        void Rate(ApiUser rater, DrillRaterKind kind, string role, int criterion, int score) => drills.Ratings.Add(new DrillRating
        {
            SessionId = session.Id, RaterUserId = rater.Id, RaterKind = kind, RateeRoleKey = role, CriterionIndex = criterion, Score = score,
            CreatedUtc = Week(3).AddDays(2), UpdatedUtc = Week(3).AddDays(2),
        });
        Rate(l, DrillRaterKind.Trainer, "AccountManager", 0, 4); Rate(l, DrillRaterKind.Trainer, "AccountManager", 1, 5);
        Rate(c, DrillRaterKind.Peer, "AccountManager", 0, 4); Rate(c, DrillRaterKind.Peer, "AccountManager", 1, 3);
        Rate(l, DrillRaterKind.Trainer, "SolutionManager", 0, 3); Rate(l, DrillRaterKind.Trainer, "SolutionManager", 1, 2);
        Rate(c, DrillRaterKind.Peer, "SolutionManager", 0, 5); Rate(c, DrillRaterKind.Peer, "SolutionManager", 1, 4);
        await drills.SaveChangesAsync();

        // Goals, recorded by the team's lead through the API.
        async Task<long> GoalAsync(object body) =>
            (long)(await (await people.SendAsync(l, HttpMethod.Post, $"/api/v1/insights/teams/{team.Id}/goals", body)).JsonAsync(System.Net.HttpStatusCode.Created))["id"]!;
        var follow = await GoalAsync(new { title = "Actions done on time", measure = "followthrough", target = 0.8, comparison = "atLeast", periodStartUtc = Week(3) });
        var quizGoal = await GoalAsync(new { title = "Everyone takes the round", measure = "participation.quiz", target = 1, periodStartUtc = Week(1) });
        return new World(team.Id, l, a, b, c, q1.ContentItemId, q2.ContentItemId, tag1, follow, quizGoal);
    }
}

public sealed class InsightsFixtureTests_Sqlite(InsightsSqlitePortal portal) : InsightsFixtureTests(portal), IClassFixture<InsightsSqlitePortal>;

public sealed class InsightsFixtureTests_Postgres(InsightsPostgresPortal portal) : InsightsFixtureTests(portal), IClassFixture<InsightsPostgresPortal>;
