using System.Net;
using AngleSharp.Html.Parser;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>
/// Who manages which cycles, through /admin/scheduler, the cycle editor, the team page and /api/v1/cycles: trainers
/// any team's, team leads only the cycles of teams they lead (another team's answers 404, targeting it 403), reps none.
/// Pause, resume, run now and retry change the stored cycle and make the run.
/// </summary>
public abstract class CycleManagementTests(CyclePortal portal)
{
    private CyclePortalFactory Factory => portal.Factory;
    private ApiPeople People => new(Factory);
    private CycleArrange Arrange => new(Factory);
    private static readonly HtmlParser Html = new();

    private static object Weekly(string teamId, string title = "API round") =>
        new { kind = RecordingKind.KindKey, title, teamIds = new[] { teamId }, cadence = "weekly", dayOfWeek = "Tuesday", localTime = "10:30" };

    private static long IdOf(System.Text.Json.Nodes.JsonNode cycle) => cycle["id"]!.GetValue<long>();

    [Fact]
    public async Task A_lead_manages_their_own_teams_cycles_and_gets_404_or_403_for_another_teams()
    {
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        var own = await Arrange.TeamAsync(leadEmail: lead.Email);
        var other = await Arrange.TeamAsync();
        var others = await Arrange.CycleAsync(other);

        // The API: their own team's cycle is created and listed; another team's is not there at all.
        var created = await (await People.SendAsync(lead, HttpMethod.Post, "/api/v1/cycles", Weekly(own))).JsonAsync(HttpStatusCode.Created);
        var mine = IdOf(created);
        var list = await (await People.GetAsync(lead, "/api/v1/cycles")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([mine], list["items"]!.AsArray().Select(c => IdOf(c!)).ToList());
        await (await People.GetAsync(lead, $"/api/v1/cycles/{others.Id}")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(lead, HttpMethod.Post, $"/api/v1/cycles/{others.Id}/pause")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(lead, HttpMethod.Post, $"/api/v1/cycles/{others.Id}/run-now")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.GetAsync(lead, $"/api/v1/cycles/{others.Id}/runs")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(lead, HttpMethod.Post, "/api/v1/cycles", Weekly(other))).StatusAsync(HttpStatusCode.Forbidden);
        // Moving their own cycle onto another team is refused too.
        var move = new { kind = RecordingKind.KindKey, title = "Moved", teamIds = new[] { other }, cadence = "weekly", dayOfWeek = "Monday", localTime = "09:00", version = created["version"]!.GetValue<int>() };
        await (await People.SendAsync(lead, HttpMethod.Put, $"/api/v1/cycles/{mine}", move)).StatusAsync(HttpStatusCode.Forbidden);
        Assert.True((await Arrange.StoredAsync(others.Id)).Active);
        Assert.Empty(await Arrange.RunsAsync(others.Id));
        Assert.Equal([own], (await Arrange.StoredAsync(mine)).Teams.Select(t => t.TeamId).ToList());

        // The pages: the team page links to the scheduler narrowed to the team; their cycle can be paused there.
        using var browser = await TestUsers.SignedInAsync(Factory, lead.Email, ApiPeople.Password);
        var teamPage = Html.ParseDocument(await (await browser.GetAsync($"/teams/{own}")).Content.ReadAsStringAsync());
        Assert.NotNull(teamPage.QuerySelector($"#team-cycles [data-cycle='{mine}']"));
        Assert.Equal($"/admin/scheduler?team={own}", teamPage.QuerySelector("#manage-cycles")?.GetAttribute("href"));
        var scheduler = $"/admin/scheduler?team={own}";
        var page = Html.ParseDocument(await (await browser.GetAsync(scheduler)).Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector($"[data-cycle='{mine}']"));
        Assert.Null(page.QuerySelector($"[data-cycle='{others.Id}']"));
        Assert.Null(Html.ParseDocument(await (await browser.GetAsync("/admin/scheduler")).Content.ReadAsStringAsync()).QuerySelector(".sa-upkeep"));
        var paused = await browser.SubmitToAsync(scheduler, $"/admin/scheduler?handler=Pause&id={mine}&team={own}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.False((await Arrange.StoredAsync(mine)).Active);

        // Another team's cycle: 404 on the editor and on every action; the editor refuses another team with 403.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/admin/scheduler/cycle/{others.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/admin/scheduler?team={other}")).StatusCode);
        foreach (var handler in new[] { "Pause", "RunNow" })
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitToAsync(scheduler, $"/admin/scheduler?handler={handler}&id={others.Id}", new Dictionary<string, string>())).StatusCode);
        var refused = await browser.SubmitAsync("/admin/scheduler/cycle", Form(other, "Not mine"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Teams: you may only choose teams you lead.", await refused.Content.ReadAsStringAsync());
        Assert.True((await Arrange.StoredAsync(others.Id)).Active);
        Assert.Empty(await Arrange.RunsAsync(others.Id));
    }

    [Fact]
    public async Task A_rep_cannot_manage_cycles_even_of_their_own_team()
    {
        var rep = await People.NewAsync(PortalRoles.Rep);
        var team = await Arrange.TeamAsync(memberEmail: rep.Email);
        var cycle = await Arrange.CycleAsync(team);

        await (await People.GetAsync(rep, "/api/v1/cycles")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.GetAsync(rep, $"/api/v1/cycles/{cycle.Id}")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/cycles/{cycle.Id}/pause")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/cycles/{cycle.Id}/run-now")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/cycles", Weekly(team))).StatusAsync(HttpStatusCode.NotFound);

        using var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/scheduler")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/scheduler/cycle")).StatusCode);
        // A valid antiforgery token (from a form the rep may use) does not open the action.
        var posted = await browser.SubmitToAsync("/contribute/new", $"/admin/scheduler?handler=Pause&id={cycle.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitToAsync("/contribute/new", "/admin/scheduler/cycle", Form(team, "Rep's"))).StatusCode);
        Assert.True((await Arrange.StoredAsync(cycle.Id)).Active);
        Assert.Empty(await Arrange.RunsAsync(cycle.Id));

        // The team page shows the rep their team's cycles, without the links to manage them.
        var teamPage = Html.ParseDocument(await (await browser.GetAsync($"/teams/{team}")).Content.ReadAsStringAsync());
        Assert.NotNull(teamPage.QuerySelector($"#team-cycles [data-cycle='{cycle.Id}']"));
        Assert.Null(teamPage.QuerySelector("#manage-cycles"));
    }

    [Fact]
    public async Task A_trainer_pauses_resumes_runs_and_retries_any_cycle_through_the_pages_and_the_api()
    {
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        var team = await Arrange.TeamAsync();
        using var browser = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);

        // Created through the editor.
        var title = "Trainer round " + Guid.NewGuid().ToString("N")[..6];
        var saved = await browser.SubmitAsync("/admin/scheduler/cycle", Form(team, title));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await (await People.GetAsync(trainer, $"/api/v1/cycles?teamId={team}")).JsonAsync(HttpStatusCode.OK);
        var id = IdOf(list["items"]!.AsArray().Single(c => (string)c!["title"]! == title)!);
        var cycle = await Arrange.StoredAsync(id);
        Assert.Equal((CadenceKind.Weekly, DayOfWeek.Wednesday, new TimeOnly(9, 30), 4320, "1440,60"),
            (cycle.Cadence, cycle.DayOfWeek!.Value, cycle.LocalTime, cycle.OpenMinutes!.Value, cycle.ReminderMinutes));

        // The page's buttons.
        const string Scheduler = "/admin/scheduler";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync(Scheduler, $"{Scheduler}?handler=Pause&id={id}", new Dictionary<string, string>())).StatusCode);
        Assert.False((await Arrange.StoredAsync(id)).Active);
        var pausedPage = Html.ParseDocument(await (await browser.GetAsync(Scheduler)).Content.ReadAsStringAsync());
        Assert.Equal("paused", pausedPage.QuerySelector($"[data-cycle='{id}'] [data-cycle-state]")?.GetAttribute("data-cycle-state"));
        // The modules' upkeep, with when it next runs (it runs for the whole site: shown to trainers, not to team leads).
        foreach (var task in new[] { "retros.action-reminders", "pulses.close-due", "quizzes.overdue-attempts" })
            Assert.NotNull(pausedPage.QuerySelector($".sa-upkeep [data-upkeep='{task}'] [data-upkeep-next] time[datetime]"));
        Assert.Contains("Remind owners of due retro actions", pausedPage.QuerySelector(".sa-upkeep")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync(Scheduler, $"{Scheduler}?handler=Resume&id={id}", new Dictionary<string, string>())).StatusCode);
        Assert.True((await Arrange.StoredAsync(id)).Active);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync(Scheduler, $"{Scheduler}?handler=RunNow&id={id}", new Dictionary<string, string>())).StatusCode);
        var manual = Assert.Single(await Arrange.RunsAsync(id));
        Assert.Equal(RunTrigger.Manual, manual.Trigger);
        // The dispatcher (woken by run now) opens it: the kind was handed the open phase.
        await Eventually.TrueAsync(() => Task.FromResult(Factory.Recorder.Of(manual.Id).Any(c => c.Phase == Core.Scheduling.CyclePhase.Open)), "the manual run opens");
        var runsPage = Html.ParseDocument(await (await browser.GetAsync(Scheduler)).Content.ReadAsStringAsync());
        Assert.NotNull(runsPage.QuerySelector($"[data-cycle='{id}'] tr[data-run='{manual.Id}']"));

        // The API's actions.
        var paused = await (await People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/cycles/{id}/pause")).JsonAsync(HttpStatusCode.OK);
        Assert.False(paused["active"]!.GetValue<bool>());
        Assert.False((await Arrange.StoredAsync(id)).Active);
        Assert.Empty(paused["nextFireTimes"]!.AsArray());
        var resumed = await (await People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/cycles/{id}/resume")).JsonAsync(HttpStatusCode.OK);
        Assert.True(resumed["active"]!.GetValue<bool>());
        Assert.Equal(3, resumed["nextFireTimes"]!.AsArray().Count);
        Assert.True((await Arrange.StoredAsync(id)).Active);

        // A run that fails shows its error; retrying it (page) runs the failed phase again.
        Factory.Recorder.Fail = true;
        try
        {
            await Task.Delay(1100); // run now keys a run on its second: the next second makes a new run
            var run = await (await People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/cycles/{id}/run-now")).JsonAsync(HttpStatusCode.Created);
            var runId = run["id"]!.GetValue<long>();
            Assert.Equal("Manual", (string)run["trigger"]!);
            await Eventually.TrueAsync(async () => (await Arrange.RunsAsync(id)).Single(r => r.Id == runId).Status == RunStatus.Failed, "the run fails");
            var failedPage = Html.ParseDocument(await (await browser.GetAsync(Scheduler)).Content.ReadAsStringAsync());
            Assert.Contains("the test kind was told to fail", failedPage.QuerySelector($"tr[data-run='{runId}'] .sa-run-error")?.TextContent);
            Assert.NotNull(failedPage.QuerySelector($"[data-retry='{runId}']"));
            var runs = await (await People.GetAsync(trainer, $"/api/v1/cycles/{id}/runs")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("Failed", (string)runs["items"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == runId)!["status"]!);

            Factory.Recorder.Fail = false;
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync(Scheduler, $"{Scheduler}?handler=Retry&runId={runId}", new Dictionary<string, string>())).StatusCode);
            await Eventually.TrueAsync(async () => (await Arrange.RunsAsync(id)).Single(r => r.Id == runId).Status != RunStatus.Failed, "the retried run opens");
            // Retrying a run that has not failed is refused over the API.
            await (await People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/cycles/{id}/runs/{runId}/retry")).StatusAsync(HttpStatusCode.Conflict);
        }
        finally { Factory.Recorder.Fail = false; }
    }

    [Fact]
    public async Task Bad_input_gets_a_message_naming_the_field_and_keeps_what_was_typed()
    {
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        var team = await Arrange.TeamAsync();
        using var browser = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);

        async Task<AngleSharp.Html.Dom.IHtmlDocument> RefusedAsync(Dictionary<string, string> fields, string message)
        {
            var response = await browser.SubmitAsync("/admin/scheduler/cycle", fields);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = Html.ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal(message, page.QuerySelector("#cycle-error")?.TextContent.Trim());
            return page;
        }

        var page = await RefusedAsync(Form(team, "Round", reminders: "24h, soon"), "Reminders: write durations before closing such as 24h, 1h.");
        Assert.Equal("24h, soon", page.QuerySelector("#cycle-reminders")?.GetAttribute("value"));
        Assert.Contains("is-invalid", page.QuerySelector("#cycle-reminders")?.ClassName);
        Assert.Equal("Round", page.QuerySelector("#cycle-title")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"#team-{team}[checked]"));

        page = await RefusedAsync(Form(team, "   "), "Title: give the cycle a title of at most 200 characters.");
        Assert.Contains("is-invalid", page.QuerySelector("#cycle-title")?.ClassName);
        Assert.Equal("3d", page.QuerySelector("#cycle-open")?.GetAttribute("value"));

        var cron = Form(team, "Cron round");
        cron["Form.Cadence"] = "cron";
        cron["Form.Cron"] = "61 9 * * *";
        page = await RefusedAsync(cron, "Cron: The cron expression '61 9 * * *' cannot be read: " + CronError("61 9 * * *"));
        Assert.Contains("is-invalid", page.QuerySelector("#cycle-cron")?.ClassName);
        Assert.Equal("61 9 * * *", page.QuerySelector("#cycle-cron")?.GetAttribute("value"));

        // In Chinese, the message names the field in Chinese.
        using var chinese = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password, "zh-CN");
        var zh = await chinese.SubmitAsync("/admin/scheduler/cycle", Form(team, "Round", openFor: "ever"));
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        Assert.Equal("开放时长：请填写时长，例如 3d、24h 或 90m。", Html.ParseDocument(await zh.Content.ReadAsStringAsync()).QuerySelector("#cycle-error")?.TextContent.Trim());

        // The API names the fields as its JSON does.
        var problem = await (await People.SendAsync(trainer, HttpMethod.Post, "/api/v1/cycles",
            new { kind = RecordingKind.KindKey, title = "x", teamIds = new[] { team }, cadence = "hourly" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["cadence"], problem.ErrorFields());
        problem = await (await People.SendAsync(trainer, HttpMethod.Post, "/api/v1/cycles",
            new { kind = RecordingKind.KindKey, title = "x", teamIds = new[] { team }, cadence = "monthly", localTime = "09:00", dayOfMonth = 31 })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["dayOfMonth"], problem.ErrorFields());
        problem = await (await People.SendAsync(trainer, HttpMethod.Post, "/api/v1/cycles",
            new { kind = "no-such-kind", title = "x", teamIds = new[] { team }, cadence = "weekly", dayOfWeek = "Monday", localTime = "09:00" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["kind"], problem.ErrorFields());
    }

    private static string CronError(string expression)
    {
        try { Cronos.CronExpression.Parse(expression); return ""; }
        catch (Cronos.CronFormatException ex) { return ex.Message; }
    }

    [Fact]
    public async Task A_cron_cadence_shows_in_words_in_english_and_chinese()
    {
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        var team = await Arrange.TeamAsync();
        var cycle = await Arrange.CycleAsync(team, cron: "30 8 * * 1-5");
        foreach (var (language, words) in new[] { ("en", "Every weekday at 08:30"), ("zh-CN", "每个工作日 08:30") })
        {
            using var browser = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password, language);
            var page = Html.ParseDocument(await (await browser.GetAsync($"/admin/scheduler?team={team}")).Content.ReadAsStringAsync());
            Assert.Equal(words, page.QuerySelector($"[data-cycle='{cycle.Id}'] [data-cycle-cadence]")?.TextContent.Trim());
            Assert.Equal(3, page.QuerySelectorAll($"[data-cycle='{cycle.Id}'] [data-cycle-next] time").Length);
            var teamPage = Html.ParseDocument(await (await browser.GetAsync($"/teams/{team}")).Content.ReadAsStringAsync());
            Assert.Contains(words, teamPage.QuerySelector($"#team-cycles [data-cycle='{cycle.Id}']")?.TextContent);
        }
    }

    /// <summary>The editor's fields for a weekly cycle on Wednesdays at 09:30, open 3 days, reminding 24 h and 1 h before closing.</summary>
    internal static Dictionary<string, string> Form(string teamId, string title, string reminders = "24h, 1h", string openFor = "3d") => new()
    {
        ["Form.Kind"] = RecordingKind.KindKey, ["Form.Title"] = title, ["Form.TeamIds"] = teamId, ["Form.Cadence"] = "weekly",
        ["Form.Day"] = "Wednesday", ["Form.DayOfMonth"] = "1", ["Form.Time"] = "09:30", ["Form.Cron"] = "", ["Form.TimeZone"] = "",
        ["Form.OpenFor"] = openFor, ["Form.Reminders"] = reminders, ["Form.Active"] = "true", ["Form.Version"] = "0",
    };
}

public sealed class CycleManagementTests_Sqlite(SqliteCyclePortal portal) : CycleManagementTests(portal), IClassFixture<SqliteCyclePortal>;

public sealed class CycleManagementTests_Postgres(PostgresCyclePortal portal) : CycleManagementTests(portal), IClassFixture<PostgresCyclePortal>;
