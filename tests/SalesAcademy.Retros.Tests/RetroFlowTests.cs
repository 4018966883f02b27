using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Audit.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Retros.Tests;

/// <summary>
/// A team's retro through the API and the pages, on both providers: the phase machine, cards hidden during reflect,
/// anonymity (pages, API, exports, database rows, audit), votes within budget and per-group maximum, earlier actions
/// reviewed in the next retro, and 404 for everyone outside the team.
/// </summary>
public abstract class RetroFlowTests(PortalFixture portal)
{
    private readonly RetroWorld world = new(portal.Factory);

    private static string[] CardTexts(JsonNode state) => state["cardList"]!.AsArray().Select(c => (string)c!["text"]!).ToArray();

    [Fact]
    public async Task Cards_are_hidden_from_everyone_else_while_the_team_reflects_on_the_pages_and_the_api()
    {
        var team = await world.TeamAsync();
        var (a, b) = (team.Members[0], team.Members[1]);
        var retro = await world.StartAsync(team);
        await world.MoveAsync(team, retro, "reflect");
        await (await world.CardAsync(a, retro, "start", "A-card pairing with delivery")).JsonAsync(HttpStatusCode.Created);
        await (await world.CardAsync(b, retro, "stop", "B-card late handovers")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(["A-card pairing with delivery"], CardTexts(await world.GetAsync(a, retro)));
        Assert.Equal(["B-card late handovers"], CardTexts(await world.GetAsync(b, retro)));
        var leadView = await world.GetAsync(team.Lead, retro);
        Assert.Empty(CardTexts(leadView));
        Assert.Equal(2, (int)leadView["cards"]!);   // counts only
        Assert.Equal(2, (int)leadView["writers"]!);

        using (var browser = await TestUsers.SignedInAsync(portal.Factory, a.Email, ApiPeople.Password))
        {
            var html = await (await browser.GetAsync($"/retros/{retro}")).Content.ReadAsStringAsync();
            Assert.Contains("A-card pairing with delivery", html);
            Assert.DoesNotContain("B-card", html);
            var export = await (await browser.GetAsync($"/retros/{retro}/export?format=csv")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("B-card", export);
        }
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password))
        {
            var html = await (await browser.GetAsync($"/retros/{retro}")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("A-card", html);
            Assert.DoesNotContain("B-card", html);
        }

        // Another member cannot change someone else's card (it is not theirs: 404), its author can.
        var aCard = (long)(await world.GetAsync(a, retro))["cardList"]![0]!["id"]!;
        await (await world.People.SendAsync(b, HttpMethod.Put, $"/api/v1/retros/{retro}/cards/{aCard}", new { text = "hijacked" })).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.SendAsync(a, HttpMethod.Put, $"/api/v1/retros/{retro}/cards/{aCard}", new { text = "A-card edited" })).JsonAsync(HttpStatusCode.OK);

        await world.MoveAsync(team, retro, "group");
        Assert.Equal(["A-card edited", "B-card late handovers"], CardTexts(await world.GetAsync(team.Lead, retro)).Order().ToArray());
    }

    [Fact]
    public async Task An_anonymous_card_is_linked_to_nobody_on_pages_api_exports_audit_and_database_rows_once_reflect_closes()
    {
        var team = await world.TeamAsync();
        var retro = await world.StartAsync(team);
        await world.MoveAsync(team, retro, "reflect");
        for (var i = 0; i < team.Members.Length; i++)
            await (await world.CardAsync(team.Members[i], retro, "continue", $"Anonymous thought {i}")).JsonAsync(HttpStatusCode.Created);
        // During reflect the tag lets an author edit; it is an HMAC, never the id itself.
        var during = await world.WithDbAsync(db => db.Cards.AsNoTracking().Where(c => c.RetroId == retro).ToListAsync());
        Assert.All(during, c => { Assert.Null(c.AuthorUserId); Assert.NotNull(c.AuthorTag); });
        Assert.DoesNotContain(during, c => team.Members.Any(m => c.AuthorTag!.Contains(m.Id)));
        Assert.True(await world.WithDbAsync(db => db.Secrets.AnyAsync(s => s.RetroId == retro)));

        await world.MoveAsync(team, retro, "group");

        // Rows: no author, no tag, no secret; nothing in a card row holds a member's id.
        var cards = await world.WithDbAsync(db => db.Cards.AsNoTracking().Where(c => c.RetroId == retro).ToListAsync());
        Assert.Equal(3, cards.Count);
        Assert.All(cards, c => { Assert.Null(c.AuthorUserId); Assert.Null(c.AuthorTag); });
        var rows = JsonSerializer.Serialize(cards);
        Assert.All(team.Everyone, u => { Assert.DoesNotContain(u.Id, rows); Assert.DoesNotContain(u.Email, rows); });
        Assert.False(await world.WithDbAsync(db => db.Secrets.AnyAsync(s => s.RetroId == retro)));

        // API and page: no author on any card, participation as counts.
        var state = await world.GetAsync(team.Members[0], retro);
        Assert.All(state["cardList"]!.AsArray(), c => Assert.Null(c!["author"]));
        Assert.Equal(3, (int)state["writers"]!);
        var json = state.ToJsonString();
        Assert.All(team.Members, m => Assert.DoesNotContain(m.Id, json));
        string[] otherNames;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
            otherNames = (await scope.ServiceProvider.GetRequiredService<IUserDirectory>().ByIdsAsync(team.Members.Skip(1).Select(m => m.Id).ToList()))
                .Values.SelectMany(u => new[] { u.DisplayName, u.Email }).ToArray();
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Members[0].Email, ApiPeople.Password))
        {
            var html = await (await browser.GetAsync($"/retros/{retro}")).Content.ReadAsStringAsync();
            Assert.Contains("Anonymous thought 2", html);
            Assert.All(otherNames, n => Assert.DoesNotContain(n, html));
        }

        // Through to the end; the exports name no card author.
        var group = await world.GroupAsync(team.Members[0], retro, "Handovers");
        foreach (var card in cards)
            await (await world.People.SendAsync(team.Members[1], HttpMethod.Put, $"/api/v1/retros/{retro}/cards/{card.Id}/group", new { groupId = group })).JsonAsync(HttpStatusCode.OK);
        foreach (var phase in new[] { "vote", "discuss", "actions", "closed" }) await world.MoveAsync(team, retro, phase);
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password))
        {
            var csv = await (await browser.GetAsync($"/retros/{retro}/export?format=csv")).Content.ReadAsStringAsync();
            var md = await (await browser.GetAsync($"/retros/{retro}/export?format=md")).Content.ReadAsStringAsync();
            Assert.Contains("Anonymous thought 0", csv);
            Assert.Contains("Anonymous thought 0", md);
            foreach (var line in csv.Split("\r\n").Where(l => l.StartsWith("card,", StringComparison.Ordinal)))
                Assert.Equal("", line.Split(',')[3]); // the author column is empty
            Assert.All(otherNames, n => { Assert.DoesNotContain(n, csv); Assert.DoesNotContain(n, md); });
            Assert.All(team.Members, m => { Assert.DoesNotContain(m.Id, csv); Assert.DoesNotContain(m.Id, md); });
        }

        // The audit log records the facilitator's steps, never a card or who wrote one.
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var entries = await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
                .Where(e => e.Target == $"retro:{retro}").ToListAsync();
            Assert.Contains(entries, e => e.Action == "retro.phase");
            Assert.All(entries, e => Assert.DoesNotContain(e.Actor, team.Members.Select(m => m.Email)));
            Assert.All(entries, e => Assert.DoesNotContain("Anonymous thought", e.Details ?? ""));
        }
    }

    [Fact]
    public async Task Votes_stay_within_each_persons_budget_and_the_per_group_maximum()
    {
        var team = await world.TeamAsync();
        var retro = await world.StartAsync(team, budget: 3, perGroup: 2);
        await world.MoveAsync(team, retro, "reflect");
        await (await world.CardAsync(team.Members[0], retro, "start", "one")).JsonAsync(HttpStatusCode.Created);
        await world.MoveAsync(team, retro, "group");
        var g1 = await world.GroupAsync(team.Lead, retro, "First");
        var g2 = await world.GroupAsync(team.Lead, retro, "Second");
        await (await world.VoteAsync(team.Members[0], retro, g1)).JsonAsync(HttpStatusCode.UnprocessableEntity); // not yet the vote
        await world.MoveAsync(team, retro, "vote");

        var voter = team.Members[0];
        await (await world.VoteAsync(voter, retro, g1)).JsonAsync(HttpStatusCode.OK);
        var state = await (await world.VoteAsync(voter, retro, g1)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)state["votesLeft"]!);
        var refused = await (await world.VoteAsync(voter, retro, g1)).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["group"], refused.ErrorFields());
        Assert.Contains("at most 2", refused.ErrorMessages()[0]);
        state = await (await world.VoteAsync(voter, retro, g2)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)state["votesLeft"]!);
        refused = await (await world.VoteAsync(voter, retro, g2)).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("all 3", refused.ErrorMessages()[0]);
        // Taking one back frees it.
        await (await world.People.SendAsync(voter, HttpMethod.Delete, $"/api/v1/retros/{retro}/votes/{g1}")).JsonAsync(HttpStatusCode.OK);
        await (await world.VoteAsync(voter, retro, g2)).JsonAsync(HttpStatusCode.OK);

        // Many votes at once from one person: the server still counts to the budget.
        var rusher = team.Members[1];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => world.VoteAsync(rusher, retro, i % 2 == 0 ? g1 : g2)));
        Assert.Equal(3, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await world.WithDbAsync(db => db.Votes.AsNoTracking().Where(v => v.RetroId == retro && v.UserId == rusher.Id).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.All(stored.GroupBy(v => v.GroupId), g => Assert.True(g.Count() <= 2));

        // While the vote is open nobody sees the totals; afterwards groups come in vote order.
        Assert.All((await world.GetAsync(team.Lead, retro))["groups"]!.AsArray(), g => Assert.Equal(0, (int)g!["votes"]!));
        await world.MoveAsync(team, retro, "discuss");
        var groups = (await world.GetAsync(team.Lead, retro))["groups"]!.AsArray();
        var totals = groups.Select(g => (int)g!["votes"]!).ToArray();
        Assert.Equal(6, totals.Sum());
        Assert.Equal(totals.OrderDescending().ToArray(), totals);
    }

    [Fact]
    public async Task The_phases_move_one_step_at_a_time_by_the_facilitator_only()
    {
        var team = await world.TeamAsync();
        var retro = await world.StartAsync(team);
        Assert.Equal("review", (string)(await world.GetAsync(team.Members[0], retro))["phase"]!);
        // A member who does not facilitate cannot move it: for them the route is not there.
        await (await world.People.SendAsync(team.Members[0], HttpMethod.Post, $"/api/v1/retros/{retro}/phase", new { phase = "reflect" })).StatusAsync(HttpStatusCode.NotFound);
        // Skipping a step is refused, naming the field.
        var skipped = await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/phase", new { phase = "vote" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["phase"], skipped.ErrorFields());
        // Writing outside the phase is refused: a card during review.
        await (await world.CardAsync(team.Members[0], retro, "start", "too early")).JsonAsync(HttpStatusCode.UnprocessableEntity);

        string[] order = ["reflect", "group", "vote", "discuss", "actions", "closed"];
        foreach (var phase in order)
        {
            await world.MoveAsync(team, retro, phase);
            Assert.Equal(phase, (string)(await world.GetAsync(team.Members[1], retro))["phase"]!);
        }
        var closed = await world.GetAsync(team.Lead, retro);
        Assert.Null(closed["nextPhase"]);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/phase", new { phase = "review" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/groups", new { name = "late" })).JsonAsync(HttpStatusCode.UnprocessableEntity);

        // A trainer (teams.viewall) may facilitate any team's retro.
        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        var second = await world.StartAsync(team);
        await (await world.People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/retros/{second}/phase", new { phase = "reflect" })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_next_retro_opens_with_the_previous_actions_and_a_carried_over_one_comes_back_again()
    {
        var team = await world.TeamAsync();
        var owner = team.Members[0];
        var first = await world.StartAsync(team);
        foreach (var phase in new[] { "reflect", "group", "vote", "discuss", "actions" }) await world.MoveAsync(team, first, phase);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{first}/actions",
            new { text = "Invite delivery to the first customer call", ownerUserId = owner.Id, due, linkedContentItemId = "playbook-collaborative-sales-process",
                linkedAnchor = "discover", isFocus = true })).JsonAsync(HttpStatusCode.Created);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{first}/actions",
            new { text = "Share the deal sheet weekly", ownerUserId = owner.Id, due })).JsonAsync(HttpStatusCode.Created);
        // An owner outside the team, and a stage of no playbook, are refused by field.
        var outsider = await world.People.NewAsync(PortalRoles.Rep);
        Assert.Equal(["owner"], (await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{first}/actions",
            new { text = "x", ownerUserId = outsider.Id, due })).JsonAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(["stage"], (await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{first}/actions",
            new { text = "x", ownerUserId = owner.Id, due, linkedContentItemId = "playbook-collaborative-sales-process", linkedAnchor = "nowhere" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await world.MoveAsync(team, first, "closed");

        // The owner sees both on the home page.
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, owner.Email, ApiPeople.Password))
        {
            var home = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
            Assert.Contains("Your open actions", home);
            Assert.Contains("Share the deal sheet weekly", home);
        }

        var second = await world.StartAsync(team);
        var previous = (await world.GetAsync(team.Members[2], second))["previousActions"]!.AsArray();
        Assert.Equal(2, previous.Count);
        var ids = previous.ToDictionary(p => (string)p!["text"]!, p => (long)p!["id"]!);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{second}/reviews",
            new { actionId = ids["Invite delivery to the first customer call"], outcome = "done", note = "Delivery joined two calls" })).JsonAsync(HttpStatusCode.OK);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{second}/reviews",
            new { actionId = ids["Share the deal sheet weekly"], outcome = "carriedOver", note = "Only twice so far" })).JsonAsync(HttpStatusCode.OK);
        var reviewed = (await world.GetAsync(team.Lead, second))["previousActions"]!.AsArray();
        Assert.Equal(["done", "carriedOver"], reviewed.OrderBy(p => (long)p!["id"]!).Select(p => (string)p!["reviewOutcome"]!).ToArray());
        foreach (var phase in new[] { "reflect", "group", "vote", "discuss", "actions", "closed" }) await world.MoveAsync(team, second, phase);

        var third = await world.StartAsync(team);
        var again = (await world.GetAsync(team.Lead, third))["previousActions"]!.AsArray();
        Assert.Equal(["Share the deal sheet weekly"], again.Select(p => (string)p!["text"]!).ToArray());
        Assert.Equal("carriedOver", (string)again[0]!["status"]!);

        // The lead's view of the team's open actions lists only the one still open.
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password))
        {
            var html = await (await browser.GetAsync($"/retros/actions?team={team.Id}")).Content.ReadAsStringAsync();
            Assert.Contains("Share the deal sheet weekly", html);
            Assert.DoesNotContain("Invite delivery to the first customer call", html);
        }
    }

    [Fact]
    public async Task Someone_outside_the_team_gets_404_for_every_page_and_api_route()
    {
        var team = await world.TeamAsync();
        var retro = await world.StartAsync(team);
        await world.MoveAsync(team, retro, "reflect");
        await (await world.CardAsync(team.Members[0], retro, "start", "inside")).JsonAsync(HttpStatusCode.Created);
        var card = (long)(await world.GetAsync(team.Members[0], retro))["cardList"]![0]!["id"]!;
        var other = await world.TeamAsync(members: 1);   // a lead and a member of another team
        foreach (var stranger in new[] { other.Lead, other.Members[0] })
        {
            (HttpMethod, string, object?)[] calls =
            [
                (HttpMethod.Get, $"/api/v1/retros/{retro}", null),
                (HttpMethod.Get, $"/api/v1/retros/{retro}/summary", null),
                (HttpMethod.Post, $"/api/v1/retros/{retro}/phase", new { phase = "group" }),
                (HttpMethod.Post, $"/api/v1/retros/{retro}/reviews", new { actionId = 1, outcome = "done" }),
                (HttpMethod.Post, $"/api/v1/retros/{retro}/cards", new { prompt = "start", text = "outside" }),
                (HttpMethod.Put, $"/api/v1/retros/{retro}/cards/{card}", new { text = "outside" }),
                (HttpMethod.Delete, $"/api/v1/retros/{retro}/cards/{card}", null),
                (HttpMethod.Post, $"/api/v1/retros/{retro}/groups", new { name = "outside" }),
                (HttpMethod.Put, $"/api/v1/retros/{retro}/cards/{card}/group", new { groupId = (long?)null }),
                (HttpMethod.Put, $"/api/v1/retros/{retro}/groups/1/notes", new { notes = "outside" }),
                (HttpMethod.Post, $"/api/v1/retros/{retro}/votes", new { groupId = 1 }),
                (HttpMethod.Delete, $"/api/v1/retros/{retro}/votes/1", null),
                (HttpMethod.Post, $"/api/v1/retros/{retro}/actions", new { text = "outside", ownerUserId = stranger.Id, due = "2030-01-01" }),
            ];
            foreach (var (method, url, body) in calls)
                await (await world.People.SendAsync(stranger, method, url, body)).StatusAsync(HttpStatusCode.NotFound);
            var list = await (await world.People.GetAsync(stranger, "/api/v1/retros")).JsonAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(list["items"]!.AsArray(), r => (long)r!["id"]! == retro);
            // Starting one for a team they do not lead is refused like a wrong field, the same for every team.
            await (await world.People.SendAsync(stranger, HttpMethod.Post, "/api/v1/retros", new { teamId = team.Id, template = "start-stop-continue" }))
                .JsonAsync(HttpStatusCode.UnprocessableEntity);

            using var browser = await TestUsers.SignedInAsync(portal.Factory, stranger.Email, ApiPeople.Password);
            foreach (var url in new[] { $"/retros/{retro}", $"/retros/{retro}/live", $"/retros/{retro}/export?format=csv", $"/retros/{retro}/export?format=md",
                         $"/retros/actions?team={team.Id}" })
                Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
            var posted = await browser.PostAsync($"/retros/{retro}?handler=AddCard", new Dictionary<string, string>
                { ["Prompt"] = "start", ["Text"] = "outside", ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync("/account/logout") });
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
            Assert.DoesNotContain("/retros/" + retro + "\"", await (await browser.GetAsync("/retros")).Content.ReadAsStringAsync());
        }
        Assert.Equal(1, await world.WithDbAsync(db => db.Cards.CountAsync(c => c.RetroId == retro)));
    }

    [Fact]
    public async Task The_board_pages_take_cards_groups_and_votes_through_forms_and_keep_what_was_typed_when_refused()
    {
        var team = await world.TeamAsync(members: 1);
        var member = team.Members[0];
        var retro = await world.StartAsync(team, budget: 1, perGroup: 1);
        using var lead = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password);
        using var rep = await TestUsers.SignedInAsync(portal.Factory, member.Email, ApiPeople.Password);
        var page = $"/retros/{retro}";
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(page, new Dictionary<string, string> { ["To"] = "reflect" }, "Move")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await rep.SubmitAsync(page, new Dictionary<string, string> { ["Prompt"] = "stop", ["Text"] = "Stop quoting before solution review" }, "AddCard")).StatusCode);
        var refused = await rep.SubmitAsync(page, new Dictionary<string, string> { ["Prompt"] = "stop", ["Text"] = new string('x', 2001) }, "AddCard");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-retro-error=\"text\"", html);
        Assert.Contains(new string('x', 2001), html); // kept in the form
        // The member's page offers no phase button; posting one anyway is not found.
        Assert.DoesNotContain("data-retro-move", await (await rep.GetAsync(page)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await rep.SubmitAsync(page, new Dictionary<string, string> { ["To"] = "group" }, "Move")).StatusCode);

        await lead.SubmitAsync(page, new Dictionary<string, string> { ["To"] = "group" }, "Move");
        Assert.Equal(HttpStatusCode.Redirect, (await rep.SubmitAsync(page, new Dictionary<string, string> { ["Name"] = "Quoting" }, "AddGroup")).StatusCode);
        var state = await world.GetAsync(member, retro);
        var (card, group) = ((long)state["cardList"]![0]!["id"]!, (long)state["groups"]![0]!["id"]!);
        // The keyboard way: a select and a button.
        Assert.Equal(HttpStatusCode.Redirect, (await rep.SubmitAsync(page, new Dictionary<string, string> { ["CardId"] = card.ToString(), ["GroupId"] = group.ToString() }, "MoveCard")).StatusCode);
        Assert.Equal(group, (long)(await world.GetAsync(member, retro))["cardList"]![0]!["groupId"]!);

        await lead.SubmitAsync(page, new Dictionary<string, string> { ["To"] = "vote" }, "Move");
        Assert.Contains("You have 1 of 1 votes left", await (await rep.GetAsync(page)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await rep.SubmitAsync(page, new Dictionary<string, string> { ["GroupId"] = group.ToString() }, "Vote")).StatusCode);
        var over = await rep.SubmitAsync(page, new Dictionary<string, string> { ["GroupId"] = group.ToString() }, "Vote");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Contains("You have 0 of 1 votes left", await over.Content.ReadAsStringAsync());

        // The live fragment: counts, and a reload once the phase has moved on.
        var live = await rep.GetAsync($"/retros/{retro}/live?phase=vote");
        Assert.False(live.Headers.Contains("HX-Refresh"));
        Assert.Contains("data-live-votes=\"1\"", await live.Content.ReadAsStringAsync());
        await lead.SubmitAsync(page, new Dictionary<string, string> { ["To"] = "discuss" }, "Move");
        Assert.True((await rep.GetAsync($"/retros/{retro}/live?phase=vote")).Headers.Contains("HX-Refresh"));
    }

    [Fact]
    public async Task A_formula_in_a_card_is_defused_in_the_csv_export()
    {
        var team = await world.TeamAsync(members: 1);
        var retro = await world.StartAsync(team);
        await world.MoveAsync(team, retro, "reflect");
        await (await world.CardAsync(team.Members[0], retro, "start", "=HYPERLINK(\"http://evil.test\",\"x\")")).JsonAsync(HttpStatusCode.Created);
        await world.MoveAsync(team, retro, "group");
        using var browser = await TestUsers.SignedInAsync(portal.Factory, team.Members[0].Email, ApiPeople.Password);
        var csv = await (await browser.GetAsync($"/retros/{retro}/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"", csv);
        var md = await (await browser.GetAsync($"/retros/{retro}/export?format=md")).Content.ReadAsStringAsync();
        Assert.Contains("=HYPERLINK\\(", md); // Markdown specials are escaped
    }
}

public sealed class RetroFlowTests_Sqlite(SqlitePortal portal) : RetroFlowTests(portal), IClassFixture<SqlitePortal>;

public sealed class RetroFlowTests_Postgres(PostgresPortal portal) : RetroFlowTests(portal), IClassFixture<PostgresPortal>;
