using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>The server's clock, moved forward by tests (timers and everything else stay on the real clock).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _ticks;
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
}

/// <summary>A portal whose TimeProvider is <see cref="ShiftedClock"/>.</summary>
public sealed class ClockedPortalFactory(TestDatabase database, IDictionary<string, string?> overrides, TimeProvider clock, bool realSocket = false)
    : PortalFactory(database, importContent: true, realSocket, overrides)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}

/// <summary>The drill-session test portal: a movable clock and a 64 KB attachment limit (so "too large" needs no 10 MB upload).</summary>
public abstract class DrillPortal(DatabaseProvider provider) : PortalFixture(provider)
{
    public const long MaxBytes = 64 * 1024;
    public ShiftedClock Clock { get; } = new();

    protected override PortalFactory CreateFactory(TestDatabase database) =>
        new ClockedPortalFactory(database, new Dictionary<string, string?> { ["DrillSessions:MaxAttachmentBytes"] = MaxBytes.ToString() }, Clock);
}

public sealed class DrillSqlitePortal() : DrillPortal(DatabaseProvider.Sqlite);

public sealed class DrillPostgresPortal() : DrillPortal(DatabaseProvider.Postgres);

/// <summary>A team (a lead and members, each with a token), a drill of the test's own, and the calls a session takes through the API.</summary>
public sealed class DrillWorld(PortalFactory factory)
{
    public ApiPeople People { get; } = new(factory);

    public sealed record Team(string Id, ApiUser Lead, ApiUser[] Members);

    /// <summary>A published drill whose briefs are unique marker texts (role → brief).</summary>
    public sealed record Drill(string Id, string Slug, string Scenario, IReadOnlyDictionary<string, string> Briefs);

    public async Task<Team> TeamAsync(int members = 4)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Drill team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, TeamRoles.Lead));
        var list = new List<ApiUser>();
        for (var i = 0; i < members; i++)
        {
            var member = await People.NewAsync(PortalRoles.Rep);
            Assert.Null(await roster.AddMemberAsync(team.Id, member.Email, "AccountManager"));
            list.Add(member);
        }
        return new Team(team.Id, lead, [.. list]);
    }

    public static DrillPart Part(string marker, string scenario) => new()
    {
        Scenario = scenario, Objectives = ["Agree one answer on scope and date"], DurationMinutes = 30,
        Roles =
        [
            new DrillRole { Role = "AccountManager", Brief = $"BRIEF-AM-{marker} wants the deal signed this quarter" },
            new DrillRole { Role = "SolutionManager", Brief = $"BRIEF-SM-{marker} knows the data migration takes months" },
            new DrillRole { Role = "DeliveryManager", Brief = $"BRIEF-DM-{marker} has no people until next month" },
        ],
        Steps = [new DrillStep { Title = "Prepare", Minutes = 5 }, new DrillStep { Title = "Align", Minutes = 10 }, new DrillStep { Title = "Meet", Minutes = 5 }],
        Rubric =
        [
            new RubricCriterion { Criterion = "Clear roles", Weight = 60, Anchors = new() { [1] = "chaos", [3] = "some", [5] = "clear" } },
            new RubricCriterion { Criterion = "One answer", Weight = 40, Anchors = new() { [1] = "contradict", [3] = "mostly", [5] = "always" } },
        ],
    };

    public async Task<Drill> DrillAsync()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var slug = "test-drill-" + marker;
        var part = Part(marker, $"SCENARIO-{marker} a water utility wants a platform by year end");
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New("Drill");
        item.Apply(new TitlePart { Title = "Test drill " + marker }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "Facilitator notes." })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(part);
        item = await manager.CreateAsync(item, "tests", publish: true);
        var published = scope.ServiceProvider.GetRequiredService<PublishedContent>();
        var id = item.ContentItemId;
        await Eventually.TrueAsync(async () => await published.ByIdAsync(id) is not null, "the test drill is published");
        return new Drill(id, slug, part.Scenario, part.Roles.ToDictionary(r => r.Role, r => r.Brief));
    }

    public async Task<long> ScheduleAsync(Team team, Drill drill, IReadOnlyDictionary<string, string>? roles = null, string? facilitator = null,
        DateTime? when = null)
    {
        var body = await (await People.SendAsync(team.Lead, HttpMethod.Post, "/api/v1/drill-sessions", new
        {
            teamId = team.Id, drill = drill.Slug, scheduledUtc = when ?? DateTime.UtcNow.AddDays(1), facilitatorUserId = facilitator, roles,
        })).JsonAsync(HttpStatusCode.Created);
        return (long)body["id"]!;
    }

    public async Task<JsonNode> GetAsync(ApiUser user, long id) => await (await People.GetAsync(user, $"/api/v1/drill-sessions/{id}")).JsonAsync(HttpStatusCode.OK);

    public async Task<JsonNode> StepAsync(ApiUser user, long id, int step) =>
        await (await People.SendAsync(user, HttpMethod.Post, $"/api/v1/drill-sessions/{id}/step", new { step })).JsonAsync(HttpStatusCode.OK);

    /// <summary>A multipart upload through the API as <paramref name="user"/>; <paramref name="rawName"/> goes into the header as it is.</summary>
    /// <param name="encoded">Send the name as RFC 5987 filename* (percent-encoded UTF-8: how a NUL can reach the server).</param>
    public async Task<HttpResponseMessage> UploadAsync(ApiUser user, long id, int step, string rawName, byte[] bytes, bool encoded = false)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/drill-sessions/{id}/attachments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        var form = new MultipartFormDataContent { { new StringContent(step.ToString()), "step" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // The file name exactly as given (quoted, backslashes kept), as a hostile client would send it.
        file.Headers.TryAddWithoutValidation("Content-Disposition", encoded
            ? $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(rawName)}"
            : $"form-data; name=\"file\"; filename=\"{rawName}\"");
        form.Add(file);
        request.Content = form;
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public async Task<T> WithDbAsync<T>(Func<DrillSessionsDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DrillSessionsDbContext>());
    }

    /// <summary>A minimal valid PDF and PNG, and a docx-shaped zip.</summary>
    public static byte[] Pdf(string text = "hello") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<<>>endobj\n% {text}\ntrailer<<>>\n%%EOF\n");
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
}
