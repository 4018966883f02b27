using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Pulses.Cycles;
using SalesAcademy.Pulses.Data;
using SalesAcademy.Pulses.Models;
using SalesAcademy.Pulses.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Pulses.Tests;

/// <summary>
/// Pulses end to end on both providers: the cycle kind opening and telling, the 3-respondent rule on the pages and the
/// API, anonymity in responses and rows, answers pinned to the pack version, and 404 for everyone outside the team.
/// </summary>
public abstract class PulseTests(PortalFixture portal)
{
    private static readonly HtmlParser Html = new();
    private PortalFactory Factory => portal.Factory;
    private PulseWorld World => new(Factory);

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(ApiUser user, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var browser = await TestUsers.SignedInAsync(Factory, user.Email, ApiPeople.Password);
        var response = await browser.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return Html.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_seed_packs_are_imported_with_five_dimensions_in_both_languages()
    {
        var published = Factory.Services.GetRequiredService<PublishedContent>();
        foreach (var (slug, dimensions) in new[]
        {
            ("team-health", new[] { "psychological-safety", "dependability", "structure-and-clarity", "meaning", "impact" }),
            ("sales-collaboration", new[] { "communication", "information-sharing", "goal-alignment", "cross-department-cooperation", "fairness-of-evaluation" }),
        })
        {
            var pack = await published.BySlugAsync(PulsesModule.PackType, slug);
            Assert.True(pack is not null, $"the seed pack {slug} was not imported");
            var part = pack!.As<PulsePackPart>();
            Assert.Equal(dimensions, part.Dimensions.Select(d => d.Key));
            Assert.All(part.Dimensions, d => Assert.InRange(d.Statements.Count, 2, 3));
            Assert.All(part.Statements, s => Assert.False(string.IsNullOrWhiteSpace(s.Zh) || string.IsNullOrWhiteSpace(s.En), s.Key));
            Assert.Empty(part.Validate());
        }
        // Packs are edited in the studio like any content; they are kept out of search.
        var trainer = await new ApiPeople(Factory).NewAsync(PortalRoles.Trainer);
        using var studio = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);
        var edit = Html.ParseDocument(await (await studio.GetAsync("/studio/edit/pulse-team-health")).Content.ReadAsStringAsync());
        Assert.Contains("psychological-safety", edit.Body!.InnerHtml);
        Assert.False(Factory.Services.GetRequiredService<ContentDefinitions>().Get(PulsesModule.PackType).Searchable);
        // ... and out of the reader's libraries and the content API.
        var rep = await new ApiPeople(Factory).NewAsync(PortalRoles.Rep);
        await (await new ApiPeople(Factory).GetAsync(rep, "/api/v1/content/pulse-team-health")).StatusAsync(HttpStatusCode.NotFound);
        using var reader = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var home = await (await reader.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("/pulses/packs", home);
        Assert.DoesNotContain("团队健康度", home);
    }

    [Fact]
    public async Task A_pack_with_a_duplicate_key_or_a_missing_language_is_refused_naming_the_field()
    {
        var part = new PulsePackPart
        {
            Dimensions = [new() { Key = "safety", Zh = "安全", En = "", Statements = [new() { Key = "a", Zh = "甲", En = "A" }, new() { Key = "a", Zh = "乙", En = "B" }] }],
        };
        var errors = part.Validate().Select(e => e.Field).ToList();
        Assert.Contains("dimensions[0].en", errors);
        Assert.Contains("dimensions[0].statements[1].key", errors);
    }

    [Fact]
    public async Task The_cycle_kind_opens_one_pulse_per_run_and_team_tells_each_member_once_and_reminds_only_those_who_have_not_answered()
    {
        var world = World;
        var team = await world.TeamAsync(2);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        // A repeated open (a duplicate fire) neither opens a second pulse nor tells anyone twice.
        Assert.Equal(3, (await world.PhaseAsync(run)).Targeted);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PulsesDbContext>();
            var pulse = Assert.Single(await db.Pulses.AsNoTracking().Where(p => p.RunId == run.RunId).ToListAsync());
            Assert.Equal(pack.ContentItemVersionId, pulse.PackVersionId);
            Assert.Equal(run.ClosesUtc!.Value, pulse.ClosesUtc, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
            var notices = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking();
            foreach (var member in team.Everyone)
            {
                var mine = await notices.Where(n => n.Recipient == member.Email.ToLower() && n.Kind == PulsesModule.OpenNotice).ToListAsync();
                var notice = Assert.Single(mine);
                Assert.Equal($"/pulses/{pulseId}", notice.Url);
            }
        }
        // The settings name the field they refuse.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var kind = scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == PulseKind.KindKey);
            Assert.Equal("pack", Assert.Single(await kind.ValidateSettingsAsync("{}", default)).Field);
            Assert.Equal("pack", Assert.Single(await kind.ValidateSettingsAsync("""{"pack":"no-such-pack"}""", default)).Field);
            Assert.Empty(await kind.ValidateSettingsAsync(PulseWorld.Settings(pack), default));
            Assert.Contains(await kind.SettingsFieldsAsync(default), f => f.Name == "pack" && f.Choices.Any(c => c.Value == "pulse-team-health"));
        }
        // The reminder (a day before close) tells only those who have not answered, once however often it runs.
        await (await world.AnswerAsync(team.Members[0], pulseId, _ => 4)).StatusAsync(HttpStatusCode.OK);
        var remind = run with { Phase = CyclePhase.Remind, ReminderBefore = TimeSpan.FromDays(1) };
        await world.PhaseAsync(remind);
        await world.PhaseAsync(remind);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var notices = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking();
            foreach (var member in team.Everyone)
            {
                var reminders = await notices.Where(n => n.Recipient == member.Email.ToLower() && n.Kind == PulsesModule.ReminderNotice).ToListAsync();
                if (member == team.Members[0]) Assert.Empty(reminders);
                else Assert.Equal($"/pulses/{pulseId}", Assert.Single(reminders).Url);
            }
        }
        // Closing closes it: answering is refused afterwards, and a late reminder tells no one.
        await world.CloseAsync(run);
        await (await world.AnswerAsync(team.Members[1], pulseId, _ => 4)).StatusAsync(HttpStatusCode.Conflict);
        await world.PhaseAsync(run with { Phase = CyclePhase.Remind, ReminderBefore = TimeSpan.FromHours(1) });
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.Equal(team.Everyone.Count() - 1, await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications
                .CountAsync(n => n.Kind == PulsesModule.ReminderNotice && n.Url == $"/pulses/{pulseId}"));
    }

    [Fact]
    public async Task The_upkeep_task_closes_a_pulse_whose_window_has_passed_and_leaves_an_open_one()
    {
        var world = World;
        var team = await world.TeamAsync(1);
        var pack = await world.PackAsync();
        var (_, due) = await world.OpenAsync(team.Id, pack);
        var (_, open) = await world.OpenAsync(team.Id, pack);
        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PulsesDbContext>().Pulses.Where(p => p.Id == due)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosesUtc, DateTime.UtcNow.AddMinutes(-1)));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // The task as the scheduler runs it: registered as upkeep, resolved in its own scope.
            var registration = scope.ServiceProvider.GetServices<PeriodicTaskRegistration>().Single(t => t.Key == "pulses.close-due");
            Assert.True(await ((IPeriodicTask)scope.ServiceProvider.GetRequiredService(registration.TaskType)).RunAsync(CancellationToken.None) >= 1);
            var pulses = await scope.ServiceProvider.GetRequiredService<PulsesDbContext>().Pulses.AsNoTracking().Where(p => p.Id == due || p.Id == open).ToListAsync();
            Assert.NotNull(pulses.Single(p => p.Id == due).ClosedUtc);
            Assert.Null(pulses.Single(p => p.Id == open).ClosedUtc);
        }
    }

    [Fact]
    public async Task Results_appear_only_once_three_distinct_people_answered_on_the_pages_and_the_api()
    {
        var world = World;
        var team = await world.TeamAsync(3);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        await (await world.AnswerAsync(team.Members[0], pulseId, _ => 5)).JsonAsync(HttpStatusCode.OK);
        await (await world.AnswerAsync(team.Members[1], pulseId, _ => 3)).JsonAsync(HttpStatusCode.OK);
        // The same person answering again changes their answers; it is not a third respondent.
        var again = await (await world.AnswerAsync(team.Members[1], pulseId, _ => 4)).JsonAsync(HttpStatusCode.OK);
        Assert.True(again["replaced"]!.GetValue<bool>());

        var hidden = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{pulseId}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.False(hidden["shown"]!.GetValue<bool>());
        Assert.Equal(2, hidden["respondents"]!.GetValue<int>());
        Assert.Null(hidden["dimensions"]);
        var trend = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/teams/{team.Id}/trend")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(trend["points"]!.AsArray());
        foreach (var url in new[] { $"/pulses/{pulseId}", $"/pulses/team/{team.Id}" })
        {
            var page = await PageAsync(team.Lead, url);
            Assert.NotNull(page.QuerySelector("[data-pulse-results-hidden]"));
            Assert.Null(page.QuerySelector("[data-pulse-results]"));
            Assert.Null(page.QuerySelector("[data-pulse-trend]"));
        }

        await (await world.AnswerAsync(team.Members[2], pulseId, key => key == "roles-clear" ? 1 : 2)).JsonAsync(HttpStatusCode.OK);
        var shown = await (await world.People.GetAsync(team.Members[0], $"/api/v1/pulses/{pulseId}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.True(shown["shown"]!.GetValue<bool>());
        Assert.Equal(3, shown["respondents"]!.GetValue<int>());
        var safety = shown["dimensions"]!.AsArray().Single(d => d!["key"]!.GetValue<string>() == "safety")!;
        // Answers 5,5 / 4,4 / 2,2 → mean 3.67, distribution [0,2,0,2,2].
        Assert.Equal(3.67, safety["mean"]!.GetValue<double>());
        Assert.Equal([0, 2, 0, 2, 2], safety["counts"]!.AsArray().Select(c => c!.GetValue<int>()));
        var clarity = shown["dimensions"]!.AsArray().Single(d => d!["key"]!.GetValue<string>() == "clarity")!;
        Assert.Equal(3.33, clarity["mean"]!.GetValue<double>());

        var results = await PageAsync(team.Members[1], $"/pulses/team/{team.Id}");
        Assert.Null(results.QuerySelector("[data-pulse-results-hidden]"));
        Assert.Equal("3.67", results.QuerySelector("[data-pulse-results] tr[data-dimension='safety'] td")!.TextContent.Trim());
        Assert.NotNull(results.QuerySelector("#pulse-trend-chart[data-chart]"));
        Assert.Single(results.QuerySelectorAll("[data-pulse-trend] tbody tr"));
        await world.CloseAsync(run);
    }

    [Fact]
    public async Task Nobody_can_tell_who_answered_what_on_the_pages_the_api_or_in_the_rows_after_closing()
    {
        var world = World;
        var team = await world.TeamAsync(3);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        var values = new[] { 1, 3, 5 };
        for (var i = 0; i < 3; i++) await (await world.AnswerAsync(team.Members[i], pulseId, _ => values[i])).JsonAsync(HttpStatusCode.OK);
        var ids = team.Everyone.Select(u => u.Id).ToList();
        var emails = team.Members.Select(u => u.Email).ToList();

        // While open: the answer rows hold a tag, never the member's id; the participation set holds ids and no answer.
        var open = await world.RowsAsync(pulseId);
        Assert.DoesNotContain(open, c => c.Table == "PulseAnswers" && ids.Contains(c.Value ?? ""));
        Assert.DoesNotContain(open, c => c.Table == "PulseParticipation" && c.Column is not ("PulseId" or "UserId"));
        var tags = open.Where(c => c.Table == "PulseAnswers" && c.Column == "Tag").Select(c => c.Value).Distinct().ToList();
        Assert.Equal(3, tags.Count);

        // The pages and the API a lead and a trainer read show counts, never a member.
        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        foreach (var reader in new[] { team.Lead, trainer })
        {
            foreach (var url in new[] { $"/api/v1/pulses/{pulseId}", $"/api/v1/pulses/{pulseId}/results", $"/api/v1/pulses?teamId={team.Id}", $"/api/v1/pulses/teams/{team.Id}/trend" })
            {
                var body = await (await world.People.GetAsync(reader, url)).Content.ReadAsStringAsync();
                foreach (var who in ids.Concat(emails).Where(w => w != reader.Id)) Assert.DoesNotContain(who, body);
            }
            foreach (var url in new[] { $"/pulses/{pulseId}", $"/pulses/team/{team.Id}", "/pulses" })
            {
                var page = (await PageAsync(reader, url)).Body!.InnerHtml;
                foreach (var who in ids.Concat(emails).Concat(team.Members.Select(m => m.Email[..8]))) Assert.DoesNotContain(who, page);
            }
        }
        // A member sees only their own answers (prefilled), not anyone else's.
        var mine = await (await world.People.GetAsync(team.Members[0], $"/api/v1/pulses/{pulseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.All(mine["dimensions"]!.AsArray().SelectMany(d => d!["statements"]!.AsArray()), s => Assert.Equal(1, s!["mine"]!.GetValue<int>()));

        await world.CloseAsync(run);
        var closed = await world.RowsAsync(pulseId);
        // After closing: no secret, no tag, no participation, and no value anywhere equal to an id or a former tag.
        Assert.DoesNotContain(closed, c => c.Table == "PulseParticipation");
        Assert.All(closed.Where(c => c.Column is "Tag" or "Secret"), c => Assert.Null(c.Value));
        Assert.DoesNotContain(closed, c => c.Value is not null && (ids.Contains(c.Value) || tags.Contains(c.Value)));
        Assert.Equal(9, closed.Count(c => c.Table == "PulseAnswers" && c.Column == "Value"));
        // Nobody can see whether a member answered any more.
        var after = await (await world.People.GetAsync(team.Members[0], $"/api/v1/pulses/{pulseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(after["answered"]!.GetValue<bool>());
        Assert.Equal(3, after["pulse"]!["respondents"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answers_keep_the_pack_version_they_were_given_for_and_still_compare_after_an_edit()
    {
        var world = World;
        var team = await world.TeamAsync(3);
        var pack = await world.PackAsync();
        var (first, firstId) = await world.OpenAsync(team.Id, pack, DateTime.UtcNow.AddDays(-14));
        foreach (var m in team.Members) await (await world.AnswerAsync(m, firstId, _ => 2)).JsonAsync(HttpStatusCode.OK);
        await world.CloseAsync(first);

        // The statement is reworded (same key); a new statement joins the dimension.
        var v2 = await world.EditPackAsync(pack, part =>
        {
            part.Dimensions[0].Statements[0].En = "I can disagree with anyone here, the lead included.";
            part.Dimensions[0].Statements.Add(new PulseStatement { Key = "asked-for-views", Zh = "主管会征求我的意见。", En = "The lead asks for my views." });
        });
        Assert.NotEqual(pack.ContentItemVersionId, v2.ContentItemVersionId);
        var (second, secondId) = await world.OpenAsync(team.Id, pack);
        foreach (var m in team.Members) await (await world.AnswerAsync(m, secondId, _ => 4)).JsonAsync(HttpStatusCode.OK);

        // The old pulse still shows the wording it was answered on; the new one the new wording and statement.
        var old = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{firstId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(pack.ContentItemVersionId, old["pulse"]!["packVersionId"]!.GetValue<string>());
        Assert.Equal("I dare to disagree.", old["dimensions"]![0]!["statements"]![0]!["en"]!.GetValue<string>());
        Assert.Equal(2, old["dimensions"]![0]!["statements"]!.AsArray().Count);
        var current = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{secondId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(v2.ContentItemVersionId, current["pulse"]!["packVersionId"]!.GetValue<string>());
        Assert.Equal(3, current["dimensions"]![0]!["statements"]!.AsArray().Count);

        // Every stored answer names the version it was given for.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var answers = scope.ServiceProvider.GetRequiredService<PulsesDbContext>().Answers.AsNoTracking();
            Assert.All(await answers.Where(a => a.PulseId == firstId).ToListAsync(), a => Assert.Equal(pack.ContentItemVersionId, a.PackVersionId));
            Assert.All(await answers.Where(a => a.PulseId == secondId).ToListAsync(), a => Assert.Equal(v2.ContentItemVersionId, a.PackVersionId));
        }
        // The trend compares both on the same dimension line (by key), oldest first.
        var trend = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/teams/{team.Id}/trend")).JsonAsync(HttpStatusCode.OK);
        var points = trend["points"]!.AsArray();
        Assert.Equal(2, points.Count);
        Assert.Equal(2.0, points[0]!["means"]!["safety"]!.GetValue<double>());
        Assert.Equal(4.0, points[1]!["means"]!["safety"]!.GetValue<double>());
        Assert.Equal([1, 2], points.Select(p => p!["packVersionNumber"]!.GetValue<int>()));
        await world.CloseAsync(second);
    }

    [Fact]
    public async Task Another_teams_member_gets_404_on_every_pulse_route_and_the_teams_trainer_sees_them()
    {
        var world = World;
        var team = await world.TeamAsync(1);
        var other = await world.TeamAsync(1);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        var outsiders = new[] { other.Lead, other.Members[0], await world.People.NewAsync(PortalRoles.Rep) };
        foreach (var outsider in outsiders)
        {
            foreach (var url in new[] { $"/api/v1/pulses?teamId={team.Id}", $"/api/v1/pulses/{pulseId}", $"/api/v1/pulses/{pulseId}/results", $"/api/v1/pulses/teams/{team.Id}/trend" })
                await (await world.People.GetAsync(outsider, url)).StatusAsync(HttpStatusCode.NotFound);
            await (await world.People.SendAsync(outsider, HttpMethod.Put, $"/api/v1/pulses/{pulseId}/answers", new { answers = new { speakUp = 3 } }))
                .StatusAsync(HttpStatusCode.NotFound);
            using var browser = await TestUsers.SignedInAsync(Factory, outsider.Email, ApiPeople.Password);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/pulses/{pulseId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/pulses/team/{team.Id}")).StatusCode);
            // Posting an answer with a valid antiforgery token (from another form of the site) is refused as missing too.
            Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitToAsync("/account/profile", $"/pulses/{pulseId}",
                new Dictionary<string, string> { ["s.speak-up"] = "3", ["s.mistakes-ok"] = "3", ["s.roles-clear"] = "3" })).StatusCode);
            var list = Html.ParseDocument(await (await browser.GetAsync("/pulses")).Content.ReadAsStringAsync());
            Assert.Null(list.QuerySelector($"[data-pulse='{pulseId}']"));
        }
        // The team's own lead and a trainer see it; the trainer (not a member) may not answer.
        await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{pulseId}")).StatusAsync(HttpStatusCode.OK);
        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        await (await world.People.GetAsync(trainer, $"/api/v1/pulses/{pulseId}/results")).StatusAsync(HttpStatusCode.OK);
        await (await world.AnswerAsync(trainer, pulseId, _ => 3)).StatusAsync(HttpStatusCode.Conflict);
        await world.CloseAsync(run);
    }

    [Fact]
    public async Task Answering_on_the_page_saves_refuses_a_missing_statement_keeping_the_rest_and_can_be_changed()
    {
        var world = World;
        var team = await world.TeamAsync(1);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        using var browser = await TestUsers.SignedInAsync(Factory, team.Members[0].Email, ApiPeople.Password);
        var refused = await browser.SubmitAsync($"/pulses/{pulseId}", new Dictionary<string, string> { ["s.speak-up"] = "4", ["s.mistakes-ok"] = "2" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = Html.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#err-roles-clear"));
        Assert.NotNull(page.QuerySelector("input[name='s.speak-up'][value='4'][checked]"));
        var saved = await browser.SubmitAsync($"/pulses/{pulseId}", new Dictionary<string, string> { ["s.speak-up"] = "4", ["s.mistakes-ok"] = "2", ["s.roles-clear"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = Html.ParseDocument(await (await browser.GetAsync($"/pulses/{pulseId}")).Content.ReadAsStringAsync());
        Assert.NotNull(after.QuerySelector("[data-pulse-answered]"));
        Assert.NotNull(after.QuerySelector("input[name='s.roles-clear'][value='5'][checked]"));
        Assert.Contains("1", after.QuerySelector("[data-pulse-respondents]")!.TextContent);
        await world.CloseAsync(run);
    }
}

public sealed class PulseTests_Sqlite(SqlitePortal portal) : PulseTests(portal), IClassFixture<SqlitePortal>;

public sealed class PulseTests_Postgres(PostgresPortal portal) : PulseTests(portal), IClassFixture<PostgresPortal>;
