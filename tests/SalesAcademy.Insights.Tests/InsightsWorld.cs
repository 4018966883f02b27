using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Insights.Tests;

/// <summary>
/// Two teams with stored snapshots (written directly, as the insights run would): team A (a lead, reps Ann and Bob) over two
/// weekly periods, team B (its own lead) over one. Ann's and Bob's figures differ, so a page showing one shows which it is.
/// </summary>
public sealed class InsightsWorld(PortalFactory factory)
{
    public ApiPeople People { get; } = new(factory);
    public static readonly DateTime Week1 = new(2026, 11, 16, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Week2 = Week1.AddDays(7);
    /// <summary>The weakest topic of team A's latest period: the seed content tags a quiz and three drills with it.</summary>
    public const string WeakTag = "goal-misalignment";
    public const double AnnMastery = 0.31, BobMastery = 0.87;

    public sealed record World(string TeamA, string TeamAName, ApiUser LeadA, ApiUser Ann, ApiUser Bob, string TeamB, ApiUser LeadB, ApiUser Trainer);

    public async Task<World> CreateAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (a, errorA) = await roster.CreateAsync("Insights team A " + suffix, null, "test");
        var (b, errorB) = await roster.CreateAsync("Insights team B " + suffix, null, "test");
        Assert.Null(errorA);
        Assert.Null(errorB);
        var leadA = await People.NewAsync(PortalRoles.TeamLead);
        var leadB = await People.NewAsync(PortalRoles.TeamLead);
        var ann = await People.NewAsync(PortalRoles.Rep);
        var bob = await People.NewAsync(PortalRoles.Rep);
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        Assert.Null(await roster.AddMemberAsync(a!.Id, leadA.Email, TeamRoles.Lead));
        Assert.Null(await roster.AddMemberAsync(a.Id, ann.Email, "AccountManager"));
        Assert.Null(await roster.AddMemberAsync(a.Id, bob.Email, "SolutionManager"));
        Assert.Null(await roster.AddMemberAsync(b!.Id, leadB.Email, TeamRoles.Lead));

        var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
        db.Snapshots.AddRange(
            Team(a.Id, Week1, mastery: [(WeakTag, 0.50), ("iron-triangle", 0.70)], readiness: 0.55, collaboration: null),
            Team(a.Id, Week2, mastery: [(WeakTag, 0.20), ("iron-triangle", 0.80), ("information-silos", 0.60)], readiness: 0.61, collaboration: null),
            Rep(a.Id, ann.Id, Week1, 0.25),
            Rep(a.Id, ann.Id, Week2, AnnMastery),
            Rep(a.Id, bob.Id, Week2, BobMastery),
            Team(b.Id, Week2, mastery: [("crm", 0.44)], readiness: 0.72, collaboration: 0.66));
        await db.SaveChangesAsync();
        return new World(a.Id, a.Name, leadA, ann, bob, b.Id, leadB, trainer);
    }

    private static InsightSnapshot Team(string teamId, DateTime start, (string Tag, double Value)[] mastery, double readiness, double? collaboration)
    {
        var snapshot = New(InsightScope.Team, teamId, null, start);
        foreach (var (tag, value) in mastery) snapshot.Values.Add(V(InsightMeasures.Mastery, tag, value, 10));
        snapshot.Values.Add(V(InsightMeasures.Mastery, "", mastery.Average(m => m.Value), 10));
        snapshot.Values.Add(V(InsightMeasures.DrillCriterion, "Clear roles", 2.5, 4));
        snapshot.Values.Add(V(InsightMeasures.DrillCriterion, "One answer", 3.75, 4));
        snapshot.Values.Add(V(InsightMeasures.DrillCriterion, "Customer focus", start == Week1 ? 2.75 : 3.25, 4));
        snapshot.Values.Add(V(InsightMeasures.ParticipationQuiz, "", 2.0 / 3, 3));
        snapshot.Values.Add(V(InsightMeasures.ParticipationDrill, "", 1.0 / 3, 3));
        snapshot.Values.Add(V(InsightMeasures.Participation, "", 0.5, 3));
        snapshot.Values.Add(V(InsightMeasures.ReadinessIndex, "", readiness, 3));
        snapshot.Values.Add(collaboration is { } c ? V(InsightMeasures.CollaborationIndex, "", c, 3)
            : new InsightValue { Measure = InsightMeasures.CollaborationIndex, Dimension = "", Value = null, Inputs = 1, WithheldReason = InsightMaths.PulseTooFewReason });
        snapshot.Values.Add(new InsightValue { Measure = InsightMeasures.Pulse, Dimension = "", Value = null, Inputs = 1, WithheldReason = InsightMaths.PulseTooFewReason });
        return snapshot;
    }

    private static InsightSnapshot Rep(string teamId, string userId, DateTime start, double mastery)
    {
        var snapshot = New(InsightScope.Rep, teamId, userId, start);
        snapshot.Values.Add(V(InsightMeasures.Mastery, WeakTag, mastery, 5));
        snapshot.Values.Add(V(InsightMeasures.Mastery, "", mastery, 5));
        snapshot.Values.Add(V(InsightMeasures.ReadinessIndex, "", mastery, 5));
        snapshot.Values.Add(V(InsightMeasures.DrillCriterion, "Clear roles", 2 + mastery * 2, 2));
        snapshot.Values.Add(V(InsightMeasures.DrillCriterion, "One answer", 3, 2));
        snapshot.Values.Add(V(InsightMeasures.DrillCriterion, "Customer focus", 2.5 + mastery, 2));
        snapshot.Values.Add(V(InsightMeasures.ParticipationQuiz, "", 1, 1));
        snapshot.Values.Add(V(InsightMeasures.ParticipationDrill, "", start == Week1 ? 0 : 1, 1));
        return snapshot;
    }

    private static InsightSnapshot New(InsightScope scope, string teamId, string? userId, DateTime start) => new()
    {
        Scope = scope, TeamId = teamId, UserId = userId, PeriodStartUtc = start, PeriodEndUtc = start.AddDays(7), WeightsVersion = 1, ComputedUtc = start.AddDays(7),
    };

    private static InsightValue V(string measure, string dimension, double value, int inputs) =>
        new() { Measure = measure, Dimension = dimension, Value = value, Numerator = value * inputs, Denominator = inputs, Inputs = inputs };

    public async Task<Browser> BrowserAsync(ApiUser user, string language = "en") => await TestUsers.SignedInAsync(factory, user.Email, ApiPeople.Password, language);
}
