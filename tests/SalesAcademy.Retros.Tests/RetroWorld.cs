using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Data;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Retros.Tests;

/// <summary>A team with a lead and three members (each with an access token), and the calls a retro takes through the API.</summary>
public sealed class RetroWorld(PortalFactory factory)
{
    public ApiPeople People { get; } = new(factory);
    public PortalFactory Factory => factory;

    public sealed record Team(string Id, ApiUser Lead, ApiUser[] Members)
    {
        public IEnumerable<ApiUser> Everyone => Members.Prepend(Lead);
    }

    public async Task<Team> TeamAsync(int members = 3)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Retro team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, TeamRoles.Lead));
        var list = new List<ApiUser>();
        for (var i = 0; i < members; i++)
        {
            var member = await People.NewAsync(PortalRoles.Rep);
            Assert.Null(await roster.AddMemberAsync(team.Id, member.Email, i % 2 == 0 ? "AccountManager" : "DeliveryManager"));
            list.Add(member);
        }
        return new Team(team.Id, lead, [.. list]);
    }

    public async Task<long> StartAsync(Team team, string template = "start-stop-continue", int budget = 3, int perGroup = 2, bool anonymous = true)
    {
        var body = await (await People.SendAsync(team.Lead, HttpMethod.Post, "/api/v1/retros",
            new { teamId = team.Id, template, voteBudget = budget, maxVotesPerGroup = perGroup, anonymous })).JsonAsync(HttpStatusCode.Created);
        return (long)body["id"]!;
    }

    public async Task<JsonNode> GetAsync(ApiUser user, long retro) => await (await People.GetAsync(user, $"/api/v1/retros/{retro}")).JsonAsync(HttpStatusCode.OK);

    public async Task MoveAsync(Team team, long retro, string phase) =>
        await (await People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/phase", new { phase })).JsonAsync(HttpStatusCode.OK);

    public async Task<HttpResponseMessage> CardAsync(ApiUser user, long retro, string prompt, string text) =>
        await People.SendAsync(user, HttpMethod.Post, $"/api/v1/retros/{retro}/cards", new { prompt, text });

    public async Task<long> GroupAsync(ApiUser user, long retro, string name)
    {
        var state = await (await People.SendAsync(user, HttpMethod.Post, $"/api/v1/retros/{retro}/groups", new { name })).JsonAsync(HttpStatusCode.Created);
        return (long)state["groups"]!.AsArray().Last(g => (string)g!["name"]! == name)!["id"]!;
    }

    public Task<HttpResponseMessage> VoteAsync(ApiUser user, long retro, long group) =>
        People.SendAsync(user, HttpMethod.Post, $"/api/v1/retros/{retro}/votes", new { groupId = group });

    public async Task<T> WithDbAsync<T>(Func<RetrosDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RetrosDbContext>());
    }

    /// <summary>A principal as the pages would see <paramref name="user"/> (for calling services directly).</summary>
    public static ClaimsPrincipal Principal(ApiUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email), new Claim(ClaimTypes.Role, user.Role)], "test"));
}
