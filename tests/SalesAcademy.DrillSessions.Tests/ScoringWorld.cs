using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// A team (a lead; Ann plays the account manager, Dan the delivery manager, Cy the customer), a trainer and an outsider, each
/// with an access token, and a session of a drill whose rubric is A 30 / B 35 / C 35 (the DrillScoringTests fixture's).
/// </summary>
public sealed class ScoringWorld(PortalFactory factory)
{
    public ApiPeople People { get; } = new(factory);

    public sealed record Team(string Id, ApiUser Lead, ApiUser Ann, ApiUser Dan, ApiUser Cy, ApiUser Trainer, ApiUser Outsider);

    public static readonly DrillPart Drill = new()
    {
        Scenario = "A retail chain wants 200 stores live in 3 months.", Objectives = ["Agree one goal"], DurationMinutes = 30,
        Roles = [new() { Role = "AccountManager", Brief = "AM brief" }, new() { Role = "DeliveryManager", Brief = "DM brief" },
            new() { Role = "SolutionManager", Brief = "SM brief" }, new() { Role = "Customer", Brief = "Customer brief" }],
        Steps = [new() { Title = "Play", Minutes = 20 }],
        Rubric =
        [
            new() { Criterion = "Interests not positions", Weight = 30, Anchors = new() { [1] = "A one", [3] = "A three", [5] = "A five: interests restated" } },
            new() { Criterion = "Common goal", Weight = 35, Anchors = new() { [1] = "B one", [3] = "B three", [5] = "B five" } },
            new() { Criterion = "Workable plan", Weight = 35, Anchors = new() { [1] = "C one", [3] = "C three", [5] = "C five" } },
        ],
    };

    public async Task<Team> TeamAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Drill team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, TeamRoles.Lead));
        var ann = await People.NewAsync(PortalRoles.Rep);
        Assert.Null(await roster.AddMemberAsync(team.Id, ann.Email, "AccountManager"));
        var dan = await People.NewAsync(PortalRoles.Rep);
        Assert.Null(await roster.AddMemberAsync(team.Id, dan.Email, "DeliveryManager"));
        var cy = await People.NewAsync(PortalRoles.Rep);
        Assert.Null(await roster.AddMemberAsync(team.Id, cy.Email, "SolutionManager"));
        // A member of the same portal, in no team of this session: sees nothing of it.
        var outsider = await People.NewAsync(PortalRoles.Rep);
        return new Team(team.Id, lead, ann, dan, cy, await People.NewAsync(PortalRoles.Trainer), outsider);
    }

    /// <summary>A session in <paramref name="status"/> with Ann, Dan and Cy (customer) playing; the lead facilitates. SolutionManager is not played.</summary>
    public async Task<long> SessionAsync(Team team, DrillSessionStatus status = DrillSessionStatus.Scoring, DateTime? scheduled = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DrillSessionsDbContext>();
        var session = new DrillSession
        {
            TeamId = team.Id, DrillContentItemId = "drill-scoring-test", DrillVersion = "v1", DrillJson = JsonSerializer.Serialize(Drill),
            DrillSlug = "scoring-test", DrillCulture = "en", Title = "Scoring drill " + Guid.NewGuid().ToString("N")[..6],
            ScheduledUtc = scheduled ?? DateTime.UtcNow.AddHours(-2), FacilitatorUserId = team.Lead.Id, Status = status,
            CreatedByUserId = team.Lead.Id, CreatedUtc = DateTime.UtcNow.AddDays(-1),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        db.Participants.AddRange(
            new DrillParticipant { SessionId = session.Id, UserId = team.Ann.Id, RoleKey = "AccountManager" },
            new DrillParticipant { SessionId = session.Id, UserId = team.Dan.Id, RoleKey = "DeliveryManager" },
            new DrillParticipant { SessionId = session.Id, UserId = team.Cy.Id, RoleKey = DrillParticipant.CustomerRole });
        await db.SaveChangesAsync();
        return session.Id;
    }

    public Task<HttpResponseMessage> RateAsync(ApiUser user, long session, params object[] ratings) =>
        People.SendAsync(user, HttpMethod.Put, $"/api/v1/drill-sessions/{session}/scores", new { ratings });

    public static object R(string roleKey, int criterionIndex, int? score, string? comment = null) => new { roleKey, criterionIndex, score, comment };

    /// <summary>The hand-computed fixture of DrillScoringTests, given through the API: Ann (self), Dan (peer), the trainer; Ann and the trainer on Dan.</summary>
    public async Task RateFixtureAsync(Team team, long session)
    {
        await (await RateAsync(team.Ann, session, R("AccountManager", 0, 4), R("AccountManager", 1, 5), R("AccountManager", 2, 3),
            R("DeliveryManager", 0, 5), R("DeliveryManager", 1, 1))).JsonAsync(HttpStatusCode.OK);
        await (await RateAsync(team.Dan, session, R("AccountManager", 0, 2, "Talked over the customer"), R("AccountManager", 1, 4),
            R("AccountManager", 2, 3))).JsonAsync(HttpStatusCode.OK);
        await (await RateAsync(team.Trainer, session, R("AccountManager", 0, 3), R("AccountManager", 1, 4, "Clear common goal"), R("AccountManager", 2, 2),
            R("DeliveryManager", 0, 4), R("DeliveryManager", 1, 4))).JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>The same through the writer service, as the pages call it (for a portal on a real socket, where the API client cannot reach it).</summary>
    public async Task RateDirectAsync(ApiUser user, long session, params (string Role, int Criterion, int Score)[] ratings)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DrillScoreBook>()
            .RateAsync(Principal(user), session, ratings.Select(r => new RatingInput(r.Role, r.Criterion, r.Score, null)).ToList());
        Assert.True(result.Ok, result.Errors?.FirstOrDefault().Message);
    }

    public async Task RateDirectAsync(ApiUser user, long session, params RatingInput[] ratings)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DrillScoreBook>().RateAsync(Principal(user), session, ratings);
        Assert.True(result.Ok, result.Errors?.FirstOrDefault().Message);
    }

    public async Task CloseAndFinalizeDirectAsync(ApiUser trainer, long session, string note)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var book = scope.ServiceProvider.GetRequiredService<DrillScoreBook>();
        Assert.True((await book.CloseAsync(Principal(trainer), session)).Ok);
        Assert.True((await book.FinalizeAsync(Principal(trainer), session, note)).Ok);
    }

    /// <summary>A principal as the pages would see <paramref name="user"/> (for calling services directly).</summary>
    public static ClaimsPrincipal Principal(ApiUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email), new Claim(ClaimTypes.Role, user.Role)], "test"));

    public async Task<T> WithDbAsync<T>(Func<DrillSessionsDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DrillSessionsDbContext>());
    }

    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync(status);
    }
}
