using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Diagnostics;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Two portal nodes in one process on one database, each with its own data folder (keys, search index) and node name, the way
/// a load balancer without sticky sessions spreads one person's requests: what one node issues (sign-in cookie, form token,
/// reset link) the other accepts, and so does a node started later with an empty data folder (a restart); what one node saves
/// the other shows and finds within 5 s; a cycle's fire time runs once across both.
/// </summary>
public abstract class TwoNodes(DatabaseProvider provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public PortalFactory A { get; private set; } = null!;
    public PortalFactory B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        A = Node("node-a", importContent: true);
        A.StartServer();
        B = Node("node-b", importContent: false);
        B.StartServer();
    }

    /// <summary>A node on the shared database with its own, empty data folder.</summary>
    public PortalFactory Node(string name, bool importContent = false) => new(Database, importContent, overrides: new Dictionary<string, string?>
    {
        ["Portal:NodeName"] = name,
        ["Portal:DataDir"] = Path.Combine(Database.DataDirectory, name),
        ["Portal:SharedDir"] = Path.Combine(Database.DataDirectory, "shared"),
        ["Portal:Setup:AnonymousReading"] = "false",
        ["Accounts:SessionCheckSeconds"] = "0",
        ["Search:PollSeconds"] = "1",
        ["Content:ChangePollSeconds"] = "1",
        ["Scheduling:TickSeconds"] = "1",
        ["Scheduling:ClaimSeconds"] = "10",
        ["Scheduling:ClusterCheckinSeconds"] = "2",
        ["Scheduling:ClusterProbeHoldSeconds"] = "0",
    });

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteTwoNodes() : TwoNodes(DatabaseProvider.Sqlite);

public sealed class PostgresTwoNodes() : TwoNodes(DatabaseProvider.Postgres);

/// <summary>One person's cookies, sent to whichever node a request reaches.</summary>
public sealed class Visitor
{
    private readonly CookieContainer _cookies = new();

    public HttpClient On(PortalFactory node)
    {
        var client = node.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(_cookies));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    public static async Task<string> FormTokenAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("main form input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form token on {page}");
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, Dictionary<string, string>? fields = null) =>
        await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token }));

    /// <summary>Signs in on <paramref name="node"/> (form token from that node too).</summary>
    public async Task SignInAsync(PortalFactory node, string email, string password = TestUsers.Password)
    {
        using var client = On(node);
        var token = await FormTokenAsync(client, "/account/login");
        var response = await PostAsync(client, "/account/login", token, new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(_cookies.GetCookies(new Uri("http://localhost"))["SalesAcademy.Auth"]);
    }
}

public abstract class ScaleOutTests(TwoNodes nodes)
{
    /// <summary>A signed-in page answers 200 (a sign-in redirect would be 302 to /account/login).</summary>
    internal static async Task SignedInAsync(HttpClient client, string because)
    {
        var response = await client.GetAsync("/account/profile");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{because}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task A_sign_in_cookie_and_form_token_from_one_node_are_accepted_by_the_other_and_by_a_node_started_later()
    {
        var email = await TestUsers.CreateAsync(nodes.A, PortalRoles.Rep);
        var visitor = new Visitor();
        await visitor.SignInAsync(nodes.A, email);
        using var onA = visitor.On(nodes.A);
        using var onB = visitor.On(nodes.B);
        await SignedInAsync(onB, "node B took node A's sign-in cookie");

        // A form rendered by node A, posted to node B (and the other way round): 400 when the token cannot be read.
        var fromA = await Visitor.FormTokenAsync(onA, "/account/profile");
        await TokenMadeAsync(onB, fromA);
        var fromB = await Visitor.FormTokenAsync(onB, "/account/profile");
        await TokenMadeAsync(onA, fromB);

        // A node that has never seen this cookie, with an empty data folder: what a restarted node (or a new one) is.
        await using var later = nodes.Node("node-later");
        using var onLater = visitor.On(later);
        await SignedInAsync(onLater, "a node started later took the cookie");
        await TokenMadeAsync(onLater, fromA);
    }

    /// <summary>Posts the profile's "new access token" form with <paramref name="token"/>: the page answers with the new token.</summary>
    private static async Task TokenMadeAsync(HttpClient client, string token)
    {
        var response = await Visitor.PostAsync(client, "/account/profile?handler=CreateToken", token, new() { ["name"] = "scale-out", ["scope"] = "Read" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the form post answered {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Contains("id=\"new-token\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_password_reset_link_made_by_one_node_works_on_the_other()
    {
        var user = await TestUsers.NewAsync(nodes.A, PortalRoles.Rep);
        string code;
        await using (var scope = nodes.A.Services.CreateAsyncScope())
            code = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().GeneratePasswordResetTokenAsync(user);
        await using (var scope = nodes.B.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var result = await users.ResetPasswordAsync((await users.FindByIdAsync(user.Id))!, code, "A new password for the triangle 7");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        }
        await new Visitor().SignInAsync(nodes.B, user.Email!, "A new password for the triangle 7");
    }

    [Fact]
    public async Task Signing_out_everywhere_on_one_node_ends_the_session_on_the_other()
    {
        var email = await TestUsers.CreateAsync(nodes.A, PortalRoles.Rep);
        var phone = new Visitor();
        await phone.SignInAsync(nodes.A, email);
        var laptop = new Visitor();
        await laptop.SignInAsync(nodes.B, email);
        using var laptopOnB = laptop.On(nodes.B);
        var token = await Visitor.FormTokenAsync(laptopOnB, "/account/profile");
        Assert.Equal(HttpStatusCode.Redirect, (await Visitor.PostAsync(laptopOnB, "/account/profile?handler=EndAllSessions", token)).StatusCode);
        using var phoneOnA = phone.On(nodes.A);
        var after = await phoneOnA.GetAsync("/account/profile");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Content_published_through_one_node_is_shown_and_found_on_the_other_within_5_seconds()
    {
        var id = "drill-scale-" + Guid.NewGuid().ToString("N")[..8];
        var word = "zq" + Guid.NewGuid().ToString("N")[..10]; // a word no other item holds
        using var api = nodes.A.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestUsers.AdminApiToken);
        var created = await api.PostAsJsonAsync("/api/v1/content", Drill(id, word));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/content/{id}/publish", null)).StatusCode);
        var published = Stopwatch.StartNew();

        using var onB = nodes.B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestUsers.AdminApiToken);
        await Eventually.TrueAsync(async () => (await onB.GetAsync($"/drills/{id}")).StatusCode == HttpStatusCode.OK, "node B shows the drill", 5);
        await Eventually.TrueAsync(async () =>
        {
            var found = await onB.GetAsync($"/api/v1/search?q={word}");
            return found.IsSuccessStatusCode && (await found.Content.ReadAsStringAsync()).Contains(id, StringComparison.Ordinal);
        }, "node B's search finds the drill", Math.Max(1, 5 - (int)published.Elapsed.TotalSeconds));
    }

    [Fact]
    public async Task Health_names_the_node_that_answered_and_its_lag_behind_the_change_log()
    {
        foreach (var (node, name) in new[] { (nodes.A, "node-a"), (nodes.B, "node-b") })
        {
            using var client = node.CreateClient();
            client.DefaultRequestHeaders.Add("X-Health-Token", TestUsers.HealthToken);
            using var json = JsonDocument.Parse(await client.GetStringAsync("/health"));
            Assert.Equal(name, json.RootElement.GetProperty("node").GetString());
            var checks = json.RootElement.GetProperty("checks");
            Assert.True(checks.GetProperty("content").GetProperty("data").TryGetProperty("head", out _));
            Assert.True(checks.GetProperty("caches").GetProperty("data").TryGetProperty("maxAgeSeconds", out _));
            // Anyone may learn which node answered, not the details.
            using var anonymous = node.CreateClient();
            using var plain = JsonDocument.Parse(await anonymous.GetStringAsync("/health"));
            Assert.Equal(name, plain.RootElement.GetProperty("node").GetString());
            Assert.False(plain.RootElement.GetProperty("checks").GetProperty("content").TryGetProperty("data", out _));
        }
    }

    internal static object Drill(string id, string word) => new
    {
        type = "Drill", id,
        fields = new JsonObject
        {
            ["slug"] = id, ["culture"] = "en", ["title"] = "Scale-out drill " + word, ["scenario"] = "A customer asks about " + word + ".",
            ["objectives"] = new JsonArray("Agree on one answer"), ["durationMinutes"] = 30,
            ["roles"] = new JsonArray(new JsonObject { ["role"] = "AccountManager", ["brief"] = "You own the relationship." }),
            ["steps"] = new JsonArray(new JsonObject { ["title"] = "Prepare", ["minutes"] = 10 }),
            ["rubric"] = new JsonArray(new JsonObject
            {
                ["criterion"] = "One voice", ["weight"] = 100,
                ["anchors"] = new JsonObject { ["1"] = "Each says something else", ["3"] = "Mostly aligned", ["5"] = "One clear answer" },
            }),
        },
    };
}

public sealed class ScaleOutTests_Sqlite(SqliteTwoNodes nodes) : ScaleOutTests(nodes), IClassFixture<SqliteTwoNodes>;

public sealed class ScaleOutTests_Postgres(PostgresTwoNodes nodes) : ScaleOutTests(nodes), IClassFixture<PostgresTwoNodes>
{
    private readonly TwoNodes _nodes = nodes;

    [Fact]
    public async Task Each_fire_time_of_a_cycle_runs_once_across_both_nodes_and_each_member_is_told_once()
    {
        var services = _nodes.A.Services;
        string team;
        var members = new List<string>();
        await using (var scope = services.CreateAsyncScope())
        {
            var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
            var (created, error) = await roster.CreateAsync("Scale-out " + Guid.NewGuid().ToString("N")[..6], "");
            Assert.Null(error);
            team = created!.Id;
            for (var i = 0; i < 2; i++)
            {
                var email = await TestUsers.CreateAsync(_nodes.A, PortalRoles.Rep);
                Assert.Null(await roster.AddMemberAsync(team, email, "AccountManager"));
                members.Add(email.ToLowerInvariant());
            }
        }
        Cycle cycle;
        await using (var scope = services.CreateAsyncScope())
        {
            var (made, error) = await scope.ServiceProvider.GetRequiredService<Cycles>().CreateAsync(
                new CycleDraft(ClusterProbeKind.KindKey, "Scale-out probe", [team], CadenceKind.Cron, default, Cron: "*/3 * * * * *"), "test");
            Assert.Null(error);
            cycle = made!;
        }
        await Eventually.TrueAsync(async () => (await RunsAsync(cycle.Id)).Count(r => r.Status == RunStatus.Closed) >= 3, "three runs to close", 40);
        await using (var scope = services.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Cycles>().PauseAsync(cycle.Id, "test"));
        await Eventually.TrueAsync(async () => (await RunsAsync(cycle.Id)).All(r => r.Status == RunStatus.Closed), "every run to close", 30);

        var runs = await RunsAsync(cycle.Id);
        // One run per fire time, on the 3-second grid, none skipped between the first and the last.
        var times = runs.Where(r => r.Trigger == RunTrigger.Scheduled).Select(r => r.ScheduledUtc).ToList();
        Assert.Equal(times.Distinct().Count(), times.Count);
        Assert.All(times, t => Assert.Equal(0, t.Second % 3));
        Assert.Equal((int)((times[^1] - times[0]).TotalSeconds / 3) + 1, times.Count);
        // Each member told exactly once per run, whichever node ran it.
        await using var read = services.CreateAsyncScope();
        var notices = await read.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Key != null && n.Key.StartsWith("cluster-probe:")).Select(n => new { n.Key, n.Recipient }).ToListAsync();
        var expected = runs.SelectMany(r => members.Select(m => ($"cluster-probe:{r.Id}", m))).Order().ToList();
        Assert.Equal(expected, notices.Select(n => (n.Key!, n.Recipient.ToLowerInvariant())).Order().ToList());
    }

    private async Task<List<CycleRun>> RunsAsync(long cycleId)
    {
        await using var scope = _nodes.A.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SchedulingDbContext>().Runs.AsNoTracking()
            .Where(r => r.CycleId == cycleId).ToListAsync()).OrderBy(r => r.ScheduledUtc).ToList();
    }
}
