using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>
/// One error shape for every API (RFC 7807 through AddProblemDetails): whatever the status and whoever answers it (a
/// module, the token check, the rate limiter, an unhandled exception), the body is application/problem+json with
/// type, title, status and traceId (detail where there is one), and a validation problem's errors map field paths to messages.
/// </summary>
public sealed class ApiProblemShapeTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private readonly ApiPeople people = new(portal.Factory);

    [Fact]
    public async Task A_bad_query_parameter_gets_the_same_validation_problem_from_the_search_and_the_content_api()
    {
        var search = await people.SendAsync((string?)null, HttpMethod.Get, "/api/v1/search?q=CRM&page=0");
        var content = await people.SendAsync(TestUsers.AdminApiToken, HttpMethod.Get, "/api/v1/content?page=0&pageSize=500");

        var (searchBody, contentBody) = (await ProblemShape.AssertAsync(search, 400), await ProblemShape.AssertAsync(content, 400));
        Assert.Equal(ProblemShape.Properties(contentBody), ProblemShape.Properties(searchBody));
        Assert.Equal(new[] { "page" }, ProblemShape.Errors(searchBody).Keys.ToArray());
        Assert.Equal(new[] { "page", "pageSize" }, ProblemShape.Errors(contentBody).Keys.Order().ToArray());
        Assert.Equal(contentBody.GetProperty("title").GetString(), searchBody.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Invalid_content_gets_a_422_validation_problem_keyed_by_field_path()
    {
        var id = $"shape-{Guid.NewGuid():N}"[..20];
        var body = new
        {
            type = "Playbook", id,
            fields = new Dictionary<string, object>
            {
                ["slug"] = id, ["culture"] = "zh-CN", ["title"] = "有问题的流程", ["tags"] = new[] { "no-such-tag", "also-no-such-tag" },
                ["stages"] = new[] { new { key = "Bad Key!", name = "发现", raci = new[] { new { role = "AccountManager", raci = "A" } } } },
            },
            body = "",
        };
        var problem = await ProblemShape.AssertAsync(await people.SendAsync(TestUsers.AdminApiToken, HttpMethod.Post, "/api/v1/content", body), 422);
        var errors = ProblemShape.Errors(problem);
        Assert.Contains("stages[0].key", errors.Keys);
        Assert.Contains("tags[0]", errors.Keys);
        Assert.Contains("tags[1]", errors.Keys);
    }

    [Fact]
    public async Task A_missing_or_unknown_token_gets_a_401_problem()
    {
        foreach (var token in new[] { null, "sa_not-a-token-anyone-was-given" })
        {
            var response = await people.SendAsync(token, HttpMethod.Get, "/api/v1/content");
            var problem = await ProblemShape.AssertAsync(response, 401);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains("Bearer", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task What_a_token_may_not_do_and_what_does_not_exist_get_the_same_404_problem()
    {
        var rep = await people.NewAsync(PortalRoles.Rep);
        var missing = await ProblemShape.AssertAsync(await people.GetAsync(rep, "/api/v1/content/no-such-item-anywhere"), 404);
        // Users are for users.manage: the authorization policy refuses the rep (the token handler's Forbid), not the module.
        var refused = await ProblemShape.AssertAsync(await people.GetAsync(rep, "/api/v1/users"), 404);
        Assert.Equal(ProblemShape.Without(missing, "traceId"), ProblemShape.Without(refused, "traceId"));
    }

    [Fact]
    public async Task An_existing_id_gets_a_409_problem_and_a_stale_save_names_the_current_version()
    {
        const string Seed = "/api/v1/content/case-huawei-iron-triangle";
        var admin = await people.AdminAsync();
        var again = new { type = "CaseStudy", id = "case-huawei-iron-triangle", fields = new { }, body = "" };
        var taken = await ProblemShape.AssertAsync(await people.SendAsync(admin, HttpMethod.Post, "/api/v1/content", again), 409);
        Assert.Contains("case-huawei-iron-triangle", taken.GetProperty("detail").GetString());

        var latest = JsonDocument.Parse(await (await people.GetAsync(admin, Seed + "?version=latest")).Content.ReadAsStringAsync()).RootElement;
        var stale = new { basedOnVersionId = "not-the-latest-version", fields = new { }, body = "" };
        var conflict = await ProblemShape.AssertAsync(await people.SendAsync(admin, HttpMethod.Put, Seed, stale), 409, "current");
        Assert.Equal(latest.GetProperty("versionId").GetString(), conflict.GetProperty("current").GetProperty("versionId").GetString());
    }
}

/// <summary>A portal whose team directory fails (an unhandled exception under /api) and whose search allows two requests an hour per address.</summary>
public sealed class FailingPortal() : PortalFixture(DatabaseProvider.Sqlite)
{
    protected override PortalFactory CreateFactory(TestDatabase database) => new Failing(database);

    private sealed class Failing(TestDatabase database) : PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?>
    {
        ["RateLimits:Search:PerAddress"] = "2", ["RateLimits:Search:WindowSeconds"] = "3600",
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<ITeamDirectory, BrokenTeamDirectory>());
        }
    }

    private sealed class BrokenTeamDirectory : ITeamDirectory
    {
        public const string Secret = "connection to team-db-7 refused";
        public Task<IReadOnlyList<TeamMembership>> TeamsOfAsync(string userId) => throw new InvalidOperationException(Secret);
        public Task<bool> CanSeeTeamDataAsync(ClaimsPrincipal user, string teamId) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyList<string>> MemberIdsAsync(IReadOnlyCollection<string> teamIds) => throw new InvalidOperationException(Secret);
        public Task<IReadOnlyDictionary<string, string>> TimeZonesAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default) => throw new InvalidOperationException(Secret);
    }

    public static string Secret => BrokenTeamDirectory.Secret;
}

public sealed class ApiProblemShapeFailureTests(FailingPortal portal) : IClassFixture<FailingPortal>
{
    private readonly ApiPeople people = new(portal.Factory);

    [Fact]
    public async Task An_unhandled_exception_gets_a_500_problem_that_does_not_show_the_exception()
    {
        var response = await people.SendAsync(TestUsers.AdminApiToken, HttpMethod.Get, "/api/v1/teams");
        var problem = await ProblemShape.AssertAsync(response, 500);
        var text = problem.ToString();
        Assert.DoesNotContain(FailingPortal.Secret, text);
        Assert.DoesNotContain("InvalidOperationException", text);
    }

    [Fact]
    public async Task The_rate_limiter_gets_a_429_problem_with_retry_after()
    {
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await people.SendAsync((string?)null, HttpMethod.Get, $"/api/v1/search?q=limit{i}")).StatusCode);
        var limited = await people.SendAsync((string?)null, HttpMethod.Get, "/api/v1/search?q=limit");
        var problem = await ProblemShape.AssertAsync(limited, 429);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Contains("try again", problem.GetProperty("detail").GetString());
    }
}

/// <summary>The shape every API problem shares.</summary>
internal static class ProblemShape
{
    private static readonly string[] Shared = ["type", "title", "status", "detail", "traceId"];

    /// <summary>Asserts the status, the media type and the shared fields; other fields only those a validation problem or the caller names.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, int status, params string[] extensions)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.True(Uri.TryCreate(root.GetProperty("type").GetString(), UriKind.Absolute, out _), $"type: {text}");
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()), text);
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("traceId").GetString()), text);
        if (root.TryGetProperty("detail", out var detail)) Assert.Equal(JsonValueKind.String, detail.ValueKind);
        var allowed = Shared.Concat(extensions).Append(status is 400 or 422 ? "errors" : "").ToHashSet();
        Assert.All(Properties(root), p => Assert.True(allowed.Contains(p), $"'{p}' is not part of the problem shape: {text}"));
        if (status is 400 or 422) Assert.NotEmpty(Errors(root));
        return root;
    }

    public static string[] Properties(JsonElement problem) => problem.EnumerateObject().Select(p => p.Name).Order().ToArray();

    /// <summary>A validation problem's errors: each field path with its messages (none empty).</summary>
    public static Dictionary<string, string[]> Errors(JsonElement problem)
    {
        var errors = problem.GetProperty("errors");
        Assert.Equal(JsonValueKind.Object, errors.ValueKind);
        var byField = errors.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.All(byField, e =>
        {
            Assert.NotEmpty(e.Value);
            Assert.All(e.Value, m => Assert.False(string.IsNullOrWhiteSpace(m), e.Key));
        });
        return byField;
    }

    public static string Without(JsonElement problem, string property) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name != property).Select(p => $"{p.Name}={p.Value}"));
}
