using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>
/// Who may call what: every /api/v1 route refuses anonymous callers, cookies and revoked tokens; each role's token
/// gets what its permissions allow; users and teams answer as their pages do.
/// </summary>
public abstract partial class ApiAccessTests(PortalFixture portal)
{
    private readonly ApiPeople people = new(portal.Factory);

    /// <summary>Every API route the portal maps (method, path with sample ids), read from the routing table itself.</summary>
    private IReadOnlyList<(HttpMethod Method, string Path)> ApiRoutes()
    {
        var routes = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            // Search is read-only and follows the reading rule of pages (tested in SalesAcademy.Search.Tests).
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/search", StringComparison.Ordinal) != true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (new HttpMethod(m), e.RoutePattern.RawText!.Replace("{id}", "case-huawei-iron-triangle"))))
            .ToList();
        Assert.True(routes.Count >= 12, $"only {routes.Count} API routes found");
        return routes;
    }

    [Fact]
    public async Task Every_route_answers_401_with_a_json_problem_to_anonymous_callers_unknown_and_revoked_tokens_and_cookies()
    {
        var rep = await people.NewAsync(PortalRoles.Rep);
        await (await people.GetAsync(rep, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);
        await people.RevokeAsync(rep);

        // The test portal allows anonymous reading of pages: the API still needs a token.
        Assert.Equal(HttpStatusCode.OK, (await portal.Factory.CreateClient().GetAsync("/cases")).StatusCode);
        foreach (var (method, path) in ApiRoutes())
        foreach (var token in new string?[] { null, "sa_not_a_token_at_all", rep.Token })
        {
            var response = await people.SendAsync(token, method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { });
            var problem = await response.JsonAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(401, (int)problem["status"]!);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }

        // A signed-in browser's cookie does not open the API (so the API needs no CSRF protection).
        using var browser = new Browser(portal.Factory);
        await browser.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        Assert.True(browser.HasAuthCookie);
        var profile = await browser.GetAsync("/account/profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains("href=\"/openapi/v1.json\"", await profile.Content.ReadAsStringAsync()); // where tokens are made, the API is described
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/content")).StatusCode);
    }

    [Theory]
    [InlineData(PortalRoles.Rep, false, false)]
    [InlineData(PortalRoles.TeamLead, false, false)]
    [InlineData(PortalRoles.Trainer, true, false)]
    [InlineData(PortalRoles.Administrator, true, true)]
    public async Task Each_roles_token_gets_what_the_roles_permissions_allow(string role, bool writesContent, bool managesUsers)
    {
        var caller = await people.NewAsync(role);
        var trainer = await people.NewAsync(PortalRoles.Trainer);

        var me = await (await people.GetAsync(caller, "/api/v1/users/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(caller.Id, (string)me["id"]!);
        Assert.Equal(caller.Email, (string)me["email"]!);
        Assert.StartsWith(role, (string)me["displayName"]!);
        Assert.Equal([role], me["roles"]!.AsArray().Select(r => (string)r!));
        var permissions = me["permissions"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Equal(writesContent, permissions.Contains("content.publish"));
        Assert.Equal(managesUsers, permissions.Contains("users.manage"));
        Assert.Contains("content.contribute", permissions); // every role may contribute a case

        var users = await people.GetAsync(caller, "/api/v1/users?pageSize=100");
        if (managesUsers) Assert.True((int)(await users.JsonAsync(HttpStatusCode.OK))["total"]! >= 3);
        else await users.JsonAsync(HttpStatusCode.NotFound);

        // Published content: everyone.
        Assert.True((int)(await (await people.GetAsync(caller, "/api/v1/content")).JsonAsync(HttpStatusCode.OK))["total"]! >= 11);
        await (await people.GetAsync(caller, "/api/v1/content/case-huawei-iron-triangle")).JsonAsync(HttpStatusCode.OK);

        // A trainer's draft: only roles that may see drafts and write.
        var draftId = $"m-{Guid.NewGuid():N}"[..20];
        var draft = await (await people.SendAsync(trainer, HttpMethod.Post, "/api/v1/content", Draft(draftId))).JsonAsync(HttpStatusCode.Created);
        var seesDrafts = writesContent ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        await (await people.GetAsync(caller, $"/api/v1/content/{draftId}?version=latest")).StatusAsync(seesDrafts);
        await (await people.GetAsync(caller, $"/api/v1/content/{draftId}/versions")).StatusAsync(seesDrafts);
        await (await people.SendAsync(caller, HttpMethod.Put, $"/api/v1/content/{draftId}",
            new { basedOnVersionId = (string)draft["versionId"]!, fields = draft["fields"]!.DeepClone(), body = "edited" })).StatusAsync(seesDrafts);
        await (await people.SendAsync(caller, HttpMethod.Post, $"/api/v1/content/{draftId}/publish")).StatusAsync(seesDrafts);
        await (await people.SendAsync(caller, HttpMethod.Post, $"/api/v1/content/{draftId}/unpublish")).StatusAsync(seesDrafts);
        await (await people.SendAsync(caller, HttpMethod.Delete, $"/api/v1/content/{draftId}")).StatusAsync(writesContent ? HttpStatusCode.NoContent : HttpStatusCode.NotFound);

        var ownId = $"m-{Guid.NewGuid():N}"[..20];
        await (await people.SendAsync(caller, HttpMethod.Post, "/api/v1/content", Draft(ownId))).StatusAsync(writesContent ? HttpStatusCode.Created : HttpStatusCode.NotFound);

        await (await people.GetAsync(caller, "/api/v1/teams")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_setup_token_is_the_administrators_and_lists_users()
    {
        var rep = await people.NewAsync(PortalRoles.Rep);
        var admin = await people.AdminAsync();
        var me = await (await people.GetAsync(admin, "/api/v1/users/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(TestUsers.AdminEmail, (string)me["email"]!);
        Assert.Contains("permissions.manage", me["permissions"]!.AsArray().Select(p => (string)p!));

        var found = await (await people.GetAsync(admin, $"/api/v1/users?q={Uri.EscapeDataString(rep.Email[..12])}")).JsonAsync(HttpStatusCode.OK);
        var user = Assert.Single(found["items"]!.AsArray())!;
        Assert.Equal(rep.Email, (string)user["email"]!);
        Assert.Equal([PortalRoles.Rep], user["roles"]!.AsArray().Select(r => (string)r!));
        Assert.False((bool)user["disabled"]!);

        var page = await (await people.GetAsync(admin, "/api/v1/users?page=1&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(page["items"]!.AsArray());
        Assert.True((int)page["total"]! >= 2);
        Assert.Equal("pageSize", (await (await people.GetAsync(admin, "/api/v1/users?pageSize=500")).JsonAsync(HttpStatusCode.BadRequest)).ErrorFields()[0]);
    }

    [Fact]
    public async Task Teams_members_see_their_teams_trainers_see_all_and_others_get_404()
    {
        var am = await people.NewAsync(PortalRoles.Rep);
        var lead = await people.NewAsync(PortalRoles.TeamLead);
        var outsider = await people.NewAsync(PortalRoles.TeamLead);
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var admin = await people.AdminAsync();
        string first, second;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
            first = (await roster.CreateAsync("API 团队 " + Guid.NewGuid().ToString("N")[..6], "铁三角")).Team!.Id;
            second = (await roster.CreateAsync("API team " + Guid.NewGuid().ToString("N")[..6], "Other")).Team!.Id;
            Assert.Null(await roster.AddMemberAsync(first, am.Email, "AccountManager"));
            Assert.Null(await roster.AddMemberAsync(first, lead.Email, "Lead"));
            Assert.Null(await roster.AddMemberAsync(second, lead.Email, "DeliveryManager"));
        }
        static List<string> Ids(JsonNode list) => list["items"]!.AsArray().Select(t => (string)t!["id"]!).ToList();

        var mine = await (await people.GetAsync(am, "/api/v1/teams")).JsonAsync(HttpStatusCode.OK);
        var team = Assert.Single(mine["items"]!.AsArray())!;
        Assert.Equal(first, (string)team["id"]!);
        Assert.Equal("AccountManager", (string)team["myRole"]!);
        Assert.Equal(2, (int)team["memberCount"]!);
        Assert.Equal(new[] { first, second }.Order(), Ids(await (await people.GetAsync(lead, "/api/v1/teams")).JsonAsync(HttpStatusCode.OK)).Order());
        Assert.Empty(Ids(await (await people.GetAsync(outsider, "/api/v1/teams")).JsonAsync(HttpStatusCode.OK)));
        var all = Ids(await (await people.GetAsync(trainer, "/api/v1/teams")).JsonAsync(HttpStatusCode.OK));
        Assert.Contains(first, all);
        Assert.Contains(second, all);
        Assert.Contains(second, Ids(await (await people.GetAsync(admin, "/api/v1/teams")).JsonAsync(HttpStatusCode.OK)));

        var details = await (await people.GetAsync(am, $"/api/v1/teams/{first}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("铁三角", (string)details["description"]!);
        Assert.Equal("AccountManager", (string)details["myRole"]!);
        var members = details["members"]!.AsArray();
        Assert.Equal(["AccountManager", "Lead"], members.Select(m => (string)m!["teamRole"]!).Order());
        Assert.Contains(lead.Email, members.Select(m => (string)m!["email"]!));
        Assert.Null((await (await people.GetAsync(trainer, $"/api/v1/teams/{first}")).JsonAsync(HttpStatusCode.OK))["myRole"]);
        await (await people.GetAsync(admin, $"/api/v1/teams/{second}")).JsonAsync(HttpStatusCode.OK);

        await (await people.GetAsync(am, $"/api/v1/teams/{second}")).JsonAsync(HttpStatusCode.NotFound);
        await (await people.GetAsync(outsider, $"/api/v1/teams/{first}")).JsonAsync(HttpStatusCode.NotFound);
        await (await people.GetAsync(outsider, "/api/v1/teams/no-such-team")).JsonAsync(HttpStatusCode.NotFound);
    }

    private static object Draft(string id) => new
    {
        type = "Drill", id,
        fields = new JsonObject
        {
            ["slug"] = id, ["culture"] = "en", ["title"] = "Draft drill", ["scenario"] = "A customer asks for a discount.",
            ["objectives"] = new JsonArray("Agree on one answer"), ["durationMinutes"] = 30,
            ["roles"] = new JsonArray(new JsonObject { ["role"] = "AccountManager", ["brief"] = "You own the relationship." }),
            ["steps"] = new JsonArray(new JsonObject { ["title"] = "Prepare", ["minutes"] = 10 }),
            ["rubric"] = new JsonArray(new JsonObject
            {
                ["criterion"] = "One voice", ["weight"] = 100,
                ["anchors"] = new JsonObject { ["1"] = "Each says something else", ["3"] = "Mostly aligned", ["5"] = "One clear answer" },
            }),
        },
        body = "Notes for the facilitator.",
    };
}

public sealed class ApiAccessTests_Sqlite(SqlitePortal portal) : ApiAccessTests(portal), IClassFixture<SqlitePortal>;

public sealed class ApiAccessTests_Postgres(PostgresPortal portal) : ApiAccessTests(portal), IClassFixture<PostgresPortal>;
