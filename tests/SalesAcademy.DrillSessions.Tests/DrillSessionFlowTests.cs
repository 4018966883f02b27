using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// A team's drill session through the API and the pages, on both providers: private briefs on every page and API answer,
/// 404 for everyone outside the session, the pinned drill version, the step machine and its server-clock time boxes, and
/// attachments (size, bytes, names, storage, download).
/// </summary>
public abstract class DrillSessionFlowTests(DrillPortal portal)
{
    private readonly DrillWorld world = new(portal.Factory);

    private static Dictionary<string, string> Roles(params (string Role, DrillWorld.Team Team, int Member)[] roles) =>
        roles.ToDictionary(r => r.Role, r => r.Team.Members[r.Member].Id);

    [Fact]
    public async Task A_participant_sees_only_their_own_brief_on_every_page_and_the_api_and_nobody_outside_the_session_sees_anything()
    {
        var team = await world.TeamAsync();
        var drill = await world.DrillAsync();
        var (am, sm, customer, bystander) = (team.Members[0], team.Members[1], team.Members[2], team.Members[3]);
        var outsider = await world.People.NewAsync(PortalRoles.Rep);
        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        var id = await world.ScheduleAsync(team, drill, Roles(("AccountManager", team, 0), ("SolutionManager", team, 1), ("Customer", team, 2)));
        await world.StepAsync(team.Lead, id, 0);
        await (await world.People.SendAsync(am, HttpMethod.Post, $"/api/v1/drill-sessions/{id}/submissions", new { step = 0, kind = "text", text = "AM-NOTE first thoughts" }))
            .JsonAsync(HttpStatusCode.Created);
        var attachment = (long)(await (await world.UploadAsync(am, id, 0, "am.pdf", DrillWorld.Pdf())).JsonAsync(HttpStatusCode.Created))["attachmentId"]!;

        var players = new[] { (User: am, Role: "AccountManager"), (User: sm, Role: "SolutionManager"), (User: customer, Role: "Customer") };
        async Task CheckPlayersAsync(string when)
        {
            foreach (var (user, role) in players)
            {
                var others = drill.Briefs.Where(b => b.Key != role).Select(b => b.Value).ToList();
                var state = await world.GetAsync(user, id);
                Assert.Equal(role, (string?)state["myRole"]);
                Assert.False((bool)state["runs"]!);
                var bodies = new List<(string What, string Body)> { ("api state", state.ToJsonString()) };
                bodies.Add(("api submissions", await (await world.People.GetAsync(user, $"/api/v1/drill-sessions/{id}/submissions")).Content.ReadAsStringAsync()));
                bodies.Add(("api list", await (await world.People.GetAsync(user, "/api/v1/drill-sessions")).Content.ReadAsStringAsync()));
                using var browser = await TestUsers.SignedInAsync(portal.Factory, user.Email, ApiPeople.Password);
                foreach (var page in new[] { $"/drill-sessions/{id}", $"/drill-sessions/{id}/live", "/drill-sessions", $"/drill-sessions/{id}/attachments/{attachment}" })
                {
                    var response = await browser.GetAsync(page);
                    bodies.Add((page, await response.Content.ReadAsStringAsync()));
                }
                foreach (var (what, body) in bodies)
                    foreach (var brief in others) Assert.False(body.Contains(brief, StringComparison.Ordinal), $"{role} sees another role's brief in {what} ({when})");
                if (drill.Briefs.TryGetValue(role, out var mine))
                {
                    Assert.Contains(mine, bodies[0].Body);
                    Assert.Contains(mine, bodies.First(b => b.What == $"/drill-sessions/{id}").Body);
                }
                Assert.Contains(drill.Scenario, bodies.First(b => b.What == $"/drill-sessions/{id}").Body);
            }
        }
        await CheckPlayersAsync("while the first step runs");

        // Those who run it see every brief.
        foreach (var runner in new[] { team.Lead, trainer })
        {
            var json = (await world.GetAsync(runner, id)).ToJsonString();
            Assert.All(drill.Briefs.Values, brief => Assert.Contains(brief, json));
            using var browser = await TestUsers.SignedInAsync(portal.Factory, runner.Email, ApiPeople.Password);
            var html = await (await browser.GetAsync($"/drill-sessions/{id}")).Content.ReadAsStringAsync();
            Assert.All(drill.Briefs.Values, brief => Assert.Contains(brief, html));
            Assert.Contains("data-unassigned", html); // DeliveryManager has nobody: shown, not hidden
        }

        // Someone's work is theirs until the step is over, then everyone's.
        Assert.DoesNotContain("AM-NOTE", await (await world.People.GetAsync(sm, $"/api/v1/drill-sessions/{id}/submissions")).Content.ReadAsStringAsync());
        await world.StepAsync(team.Lead, id, 1);
        Assert.Contains("AM-NOTE", await (await world.People.GetAsync(sm, $"/api/v1/drill-sessions/{id}/submissions")).Content.ReadAsStringAsync());
        foreach (var step in new[] { 2, 3 }) await world.StepAsync(team.Lead, id, step);
        Assert.Equal("scoring", (string?)(await world.GetAsync(am, id))["status"]);
        await CheckPlayersAsync("while scoring");

        // A team member who plays no part and someone from elsewhere: 404 on every page, the download and every API route.
        foreach (var stranger in new[] { bystander, outsider })
        {
            using var browser = await TestUsers.SignedInAsync(portal.Factory, stranger.Email, ApiPeople.Password);
            foreach (var page in new[] { $"/drill-sessions/{id}", $"/drill-sessions/{id}/live", $"/drill-sessions/{id}/attachments/{attachment}" })
                Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(page)).StatusCode);
            Assert.DoesNotContain(drill.Scenario, await (await browser.GetAsync("/drill-sessions")).Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitToAsync("/account/notifications", $"/drill-sessions/{id}?handler=Move",
                new Dictionary<string, string> { ["Step"] = "4" })).StatusCode);
            foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
            {
                (HttpMethod.Get, $"/api/v1/drill-sessions/{id}", null), (HttpMethod.Get, $"/api/v1/drill-sessions/{id}/submissions", null),
                (HttpMethod.Get, $"/api/v1/drill-sessions/{id}/attachments/{attachment}", null),
                (HttpMethod.Put, $"/api/v1/drill-sessions/{id}/roles", new { roles = new Dictionary<string, string> { ["DeliveryManager"] = stranger.Id } }),
                (HttpMethod.Post, $"/api/v1/drill-sessions/{id}/step", new { step = 4 }),
                (HttpMethod.Post, $"/api/v1/drill-sessions/{id}/submissions", new { step = 0, kind = "text", text = "x" }),
                (HttpMethod.Post, $"/api/v1/drill-sessions/{id}/attachments", null),
            })
                await (await world.People.SendAsync(stranger, method, url, body)).StatusAsync(HttpStatusCode.NotFound);
            var list = await (await world.People.GetAsync(stranger, "/api/v1/drill-sessions")).JsonAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(list["items"]!.AsArray(), s => (long)s!["id"]! == id);
        }

        // Assigned people were told (in the portal).
        var title = (string)(await world.GetAsync(am, id))["title"]!;
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, am.Email, ApiPeople.Password))
            Assert.Contains($"You play AccountManager in the drill session {title}", await (await browser.GetAsync("/notifications")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_keeps_the_drill_version_it_was_scheduled_with()
    {
        var team = await world.TeamAsync(members: 1);
        var drill = await world.DrillAsync();
        var first = await world.ScheduleAsync(team, drill, Roles(("AccountManager", team, 0)));
        var pinned = (string?)(await world.GetAsync(team.Lead, first))["drillVersion"];

        string newVersion;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var v1 = (await manager.GetAsync(drill.Id))!;
            var edited = v1.CloneForEdit().Apply(DrillWorld.Part("EDITED", "SCENARIO-EDITED the customer changed everything"));
            newVersion = (await manager.SaveAndPublishAsync(edited, v1.ContentItemVersionId, "tests")).ContentItemVersionId;
            var published = scope.ServiceProvider.GetRequiredService<PublishedContent>();
            await Eventually.TrueAsync(async () => (await published.ByIdAsync(drill.Id))?.ContentItemVersionId == newVersion, "the edit is published");
        }
        Assert.NotEqual(pinned, newVersion);

        // The scheduled session still runs the drill as it was: its scenario, briefs and version, on the API and the page.
        var state = await world.GetAsync(team.Members[0], first);
        Assert.Equal(pinned, (string?)state["drillVersion"]);
        Assert.Equal(drill.Scenario, (string?)state["scenario"]);
        Assert.Contains(drill.Briefs["AccountManager"], state.ToJsonString());
        Assert.DoesNotContain("EDITED", state.ToJsonString());
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Members[0].Email, ApiPeople.Password))
        {
            var html = await (await browser.GetAsync($"/drill-sessions/{first}")).Content.ReadAsStringAsync();
            Assert.Contains(drill.Scenario, html);
            Assert.DoesNotContain("EDITED", html);
        }
        // A session scheduled now gets the new version.
        var second = await world.ScheduleAsync(team, drill);
        var now = await world.GetAsync(team.Lead, second);
        Assert.Equal(newVersion, (string?)now["drillVersion"]);
        Assert.Equal("SCENARIO-EDITED the customer changed everything", (string?)now["scenario"]);
    }

    [Fact]
    public async Task Steps_move_one_at_a_time_and_each_time_box_ends_by_the_server_clock()
    {
        var team = await world.TeamAsync(members: 2);
        var drill = await world.DrillAsync();
        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        var id = await world.ScheduleAsync(team, drill, Roles(("AccountManager", team, 0)), facilitator: team.Members[1].Id);
        var am = team.Members[0];
        // A player does not move steps (404: not theirs to run); the facilitator does.
        await (await world.People.SendAsync(am, HttpMethod.Post, $"/api/v1/drill-sessions/{id}/step", new { step = 0 })).StatusAsync(HttpStatusCode.NotFound);
        var before = portal.Clock.GetUtcNow().UtcDateTime;
        var state = await world.StepAsync(team.Members[1], id, 0);
        Assert.Equal("running", (string?)state["status"]);
        var started = (DateTime)state["stepStartedUtc"]!;
        var ends = (DateTime)state["stepEndsUtc"]!;
        Assert.InRange(started, before.AddSeconds(-1), before.AddSeconds(30));
        Assert.Equal(started.AddMinutes(5), ends);

        using var browser = await TestUsers.SignedInAsync(portal.Factory, am.Email, ApiPeople.Password);
        var page = $"/drill-sessions/{id}";
        var html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains($"data-ends-utc=\"{ends.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fff}Z\"", html);
        Assert.Matches(new Regex(@"[45]:\d\d left"), html);

        // The server's clock moves on 7 minutes: the 5-minute box is 2 minutes overrun, on the page and in the poll fragment.
        portal.Clock.Advance(TimeSpan.FromMinutes(7));
        html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Matches(new Regex(@"Overrun by 2:\d\d"), html);
        Assert.Contains("sa-overrun", html);
        var live = await (await browser.GetAsync($"/drill-sessions/{id}/live")).Content.ReadAsStringAsync();
        var clock = DateTime.Parse(Regex.Match(live, "data-clock-now=\"([^\"]+)\"").Groups[1].Value, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.True(clock >= DateTime.UtcNow.AddMinutes(6.9), $"the fragment's clock {clock:O} is the server's (moved) clock");
        Assert.Contains($"data-clock-ends=\"{ends.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fff}Z\"", live);

        // Only the next step: a repeated or skipping move is refused and changes nothing.
        foreach (var wrong in new[] { 0, 2 })
        {
            var refused = await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/drill-sessions/{id}/step", new { step = wrong }))
                .JsonAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["step"], refused.ErrorFields());
        }
        // Two people who run it press "next" at the same moment: one moves it, the other is told it moved.
        var racing = await Task.WhenAll(new[] { team.Lead, trainer }.Select(u => world.People.SendAsync(u, HttpMethod.Post, $"/api/v1/drill-sessions/{id}/step", new { step = 1 })));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity], racing.Select(r => r.StatusCode).Order().ToArray());
        state = await world.GetAsync(am, id);
        Assert.Equal(1, (int)state["currentStep"]!);
        Assert.Equal(((DateTime)state["stepStartedUtc"]!).AddMinutes(10), (DateTime)state["stepEndsUtc"]!);
        Assert.True((DateTime)state["stepStartedUtc"]! >= before.AddMinutes(7));
        // The poll fragment says where the session is now, and asks a page that shows an earlier step to reload (HX-Refresh);
        // the page shown now polls with where it is, and is left alone.
        var stale = await browser.GetAsync($"/drill-sessions/{id}/live?at=running-0");
        Assert.Contains("data-live-at=\"running-1\"", await stale.Content.ReadAsStringAsync());
        Assert.Equal(["true"], stale.Headers.GetValues("HX-Refresh"));
        Assert.Contains($"/drill-sessions/{id}/live?at=running-1", await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
        Assert.False((await browser.GetAsync($"/drill-sessions/{id}/live?at=running-1")).Headers.Contains("HX-Refresh"));

        await world.StepAsync(team.Lead, id, 2);
        state = await world.StepAsync(team.Lead, id, 3);
        Assert.Equal("scoring", (string?)state["status"]);
        Assert.Null(state["currentStep"]);
        Assert.Null(state["stepEndsUtc"]);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/drill-sessions/{id}/step", new { step = 4 })).StatusAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_drill_cycle_kind_names_each_refused_setting_and_schedules_one_session_per_run_and_team()
    {
        var team = await world.TeamAsync(members: 1);
        var drill = await world.DrillAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var kind = scope.ServiceProvider.GetServices<SalesAcademy.Core.Scheduling.ICycleKind>().Single(k => k.Key == "drill");
        var errors = await kind.ValidateSettingsAsync("{}", CancellationToken.None);
        Assert.Equal(["team", "drill"], errors.Select(e => e.Field));
        Assert.Equal("Team: choose the team this drill session is for.", errors[0].Message);
        errors = await kind.ValidateSettingsAsync("""{"team":"no-such-team","drill":"no-such-drill"}""", CancellationToken.None);
        Assert.Equal(["Team: there is no team with this id.", "Drill: there is no published drill with this id or slug."], errors.Select(e => e.Message));
        var settings = $$"""{"team":"{{team.Id}}","drill":"{{drill.Slug}}"}""";
        Assert.Empty(await kind.ValidateSettingsAsync(settings, CancellationToken.None));

        var runId = Random.Shared.NextInt64(1, long.MaxValue);
        var fire = new DateTime(2030, 3, 4, 1, 30, 0, DateTimeKind.Utc);
        var run = new SalesAcademy.Core.Scheduling.CycleRunContext(1, runId, "drill", SalesAcademy.Core.Scheduling.CyclePhase.Open, [team.Id], fire, null, null, settings);
        Assert.Equal(1, (await kind.RunAsync(run, CancellationToken.None)).Completed);
        await kind.RunAsync(run, CancellationToken.None); // a repeated fire finds the session it made
        var sessions = await world.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.CycleRunId == runId).ToListAsync());
        var session = Assert.Single(sessions);
        Assert.Equal(fire, session.ScheduledUtc);
        Assert.Equal(drill.Id, session.DrillContentItemId);
        Assert.Null(session.CreatedByUserId);
        // Roles come later, from the lead; until then every role shows as unassigned.
        var state = await world.GetAsync(team.Lead, session.Id);
        Assert.All(state["roles"]!.AsArray(), r => Assert.Null(r!["userId"]));
    }

    [Fact]
    public async Task Uploads_are_refused_with_the_reason_when_too_large_mistyped_or_badly_named_and_an_accepted_file_downloads_as_it_was()
    {
        var team = await world.TeamAsync(members: 3);
        var drill = await world.DrillAsync();
        var (am, sm, bystander) = (team.Members[0], team.Members[1], team.Members[2]);
        var id = await world.ScheduleAsync(team, drill, Roles(("AccountManager", team, 0), ("SolutionManager", team, 1)));
        await world.StepAsync(team.Lead, id, 0);
        string dataDir;
        string folder;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            dataDir = scope.ServiceProvider.GetRequiredService<PortalOptions>().DataDir;
            folder = scope.ServiceProvider.GetRequiredService<AttachmentStore>().SessionFolder(id);
        }

        async Task<string> RefusedAsync(string name, byte[] bytes, bool encoded = false)
        {
            var problem = await (await world.UploadAsync(am, id, 0, name, bytes, encoded)).JsonAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["file"], problem.ErrorFields());
            return problem.ErrorMessages().Single();
        }
        var big = DrillWorld.Pdf().Concat(new byte[DrillPortal.MaxBytes]).ToArray();
        var tooLarge = await RefusedAsync("big.pdf", big);
        Assert.Equal($"File: big.pdf is {AttachmentStore.Size(big.Length)}; the limit is {AttachmentStore.Size(DrillPortal.MaxBytes)}.", tooLarge);
        Assert.Contains("the limit is 65,536 bytes (64 KB)", tooLarge);
        Assert.Equal("File: the content of notes.pdf is not a PDF file.", await RefusedAsync("notes.pdf", DrillWorld.Png));
        Assert.Equal("File: the content of photo.png is not a PNG file.", await RefusedAsync("photo.png", Encoding.UTF8.GetBytes("just text")));
        Assert.StartsWith("File: the type of tool.exe is not allowed; allowed are .pdf, .png", await RefusedAsync("tool.exe", [0x4D, 0x5A, 0x90, 0x00]));
        foreach (var (name, encoded) in new[] { ("../../x.pdf", false), (@"..\\x.pdf", false), ("/tmp/x.pdf", false), (@"C:\\x.pdf", false), ("x\0.pdf", true), ("../x.pdf", true) })
            Assert.Contains("is not a plain file name", await RefusedAsync(name, DrillWorld.Pdf(), encoded));
        // Nothing was written: not in the session's folder, not where the names pointed, no row.
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
        foreach (var dir in new[] { dataDir, Path.GetDirectoryName(dataDir)!, Path.Combine(dataDir, "drill-sessions"), "/tmp" })
            Assert.False(File.Exists(Path.Combine(dir, "x.pdf")), $"x.pdf in {dir}");
        Assert.Equal(0, await world.WithDbAsync(db => db.Attachments.CountAsync(a => a.SessionId == id)));

        // The page form says why and keeps the rest of the form.
        using var amBrowser = await TestUsers.SignedInAsync(portal.Factory, am.Email, ApiPeople.Password);
        var token = await amBrowser.AntiforgeryTokenAsync($"/drill-sessions/{id}");
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/drill-sessions/{id}?handler=Submit"))
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("0"), "Step" }, { new StringContent("Attachment"), "Kind" },
                { new StringContent("My notes stay here"), "Text" },
            };
            form.Add(new ByteArrayContent(DrillWorld.Png), "Upload", "quote.pdf");
            request.Content = form;
            var response = await amBrowser.SendAsync(request);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("File: the content of quote.pdf is not a PDF file.", html);
            Assert.Contains(">My notes stay here</textarea>", html);
        }

        // Accepted: stored under the session's folder with a random name, downloaded byte for byte as an attachment.
        var pdf = DrillWorld.Pdf("the quote");
        var created = await (await world.UploadAsync(am, id, 0, "报价 v2.pdf", pdf, encoded: true)).JsonAsync(HttpStatusCode.Created);
        var attachment = (long)created["attachmentId"]!;
        Assert.Equal("application/pdf", (string?)created["mediaType"]);
        var stored = Directory.GetFiles(folder);
        Assert.Single(stored);
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored[0]));
        Assert.Equal(pdf, await File.ReadAllBytesAsync(stored[0]));
        Assert.StartsWith(Path.GetFullPath(dataDir), Path.GetFullPath(stored[0]));
        var download = await amBrowser.GetAsync($"/drill-sessions/{id}/attachments/{attachment}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("报价 v2.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var apiDownload = await world.People.GetAsync(am, $"/api/v1/drill-sessions/{id}/attachments/{attachment}");
        Assert.Equal(pdf, await apiDownload.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", apiDownload.Content.Headers.ContentDisposition?.DispositionType);

        // Plain UTF-8 text is text; a text file with binary bytes is not.
        Assert.Equal("text/plain; charset=utf-8", (string?)(await (await world.UploadAsync(am, id, 0, "notes.txt", Encoding.UTF8.GetBytes("会谈要点\n- 分两期\n")))
            .JsonAsync(HttpStatusCode.Created))["mediaType"]);
        Assert.Equal("File: the content of data.txt is not a plain text file.", await RefusedAsync("data.txt", [0x41, 0x00, 0x01, 0x02]));

        // Another player sees it once the step is over; a team member outside the session never does.
        using var smBrowser = await TestUsers.SignedInAsync(portal.Factory, sm.Email, ApiPeople.Password);
        using var bystanderBrowser = await TestUsers.SignedInAsync(portal.Factory, bystander.Email, ApiPeople.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await smBrowser.GetAsync($"/drill-sessions/{id}/attachments/{attachment}")).StatusCode);
        await world.StepAsync(team.Lead, id, 1);
        Assert.Equal(pdf, await (await smBrowser.GetAsync($"/drill-sessions/{id}/attachments/{attachment}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await bystanderBrowser.GetAsync($"/drill-sessions/{id}/attachments/{attachment}")).StatusCode);
        await (await world.People.GetAsync(bystander, $"/api/v1/drill-sessions/{id}/attachments/{attachment}")).StatusAsync(HttpStatusCode.NotFound);
        // Late uploads for a finished step are refused.
        await (await world.UploadAsync(am, id, 0, "late.pdf", pdf)).StatusAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Single(Directory.GetFiles(folder), f => File.ReadAllBytes(f).SequenceEqual(pdf));
    }
}

public sealed class DrillSessionFlowTests_Sqlite(DrillSqlitePortal portal) : DrillSessionFlowTests(portal), IClassFixture<DrillSqlitePortal>;

public sealed class DrillSessionFlowTests_Postgres(DrillPostgresPortal portal) : DrillSessionFlowTests(portal), IClassFixture<DrillPostgresPortal>;
