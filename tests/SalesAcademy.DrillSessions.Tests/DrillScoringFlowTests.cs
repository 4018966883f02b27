using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Audit.Data;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.Testing;
using static SalesAcademy.DrillSessions.Tests.ScoringWorld;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// Scoring a session through the API and the pages, on both providers: each rater sees only their own ratings until scoring
/// closes (pages, fragment, API), nobody writes as someone else or in a session they are not in, the results match the
/// hand-computed fixture, finalising is audited and makes the ratings read-only, and the history shows on the rep's profile
/// and to the team's lead on the team page, to nobody else.
/// </summary>
public abstract class DrillScoringFlowTests(PortalFixture portal)
{
    private readonly ScoringWorld world = new(portal.Factory);

    private static string[] Comments(JsonNode scores) => scores["ratings"]!.AsArray().Select(r => (string?)r!["comment"]).OfType<string>().ToArray();

    [Fact]
    public async Task Each_rater_sees_only_their_own_ratings_until_scoring_closes_on_every_page_and_the_api()
    {
        var team = await world.TeamAsync();
        var session = await world.SessionAsync(team);
        await world.RateFixtureAsync(team, session);

        // The API: one's own ratings (kind decided by the server), never another's; the results are a 409 problem.
        var ann = await (await world.People.GetAsync(team.Ann, $"/api/v1/drill-sessions/{session}/scores")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, ann["ratings"]!.AsArray().Count);
        Assert.Equal(["self", "self", "self", "peer", "peer"], ann["ratings"]!.AsArray().Select(r => (string)r!["kind"]!));
        Assert.Empty(Comments(ann));
        Assert.Equal(["AccountManager", "DeliveryManager"], ann["ratedRoles"]!.AsArray().Select(r => (string)r!)); // not the customer, not an unplayed role
        Assert.Equal(["Talked over the customer"], Comments(await (await world.People.GetAsync(team.Dan, $"/api/v1/drill-sessions/{session}/scores")).JsonAsync(HttpStatusCode.OK)));
        var trainer = await (await world.People.GetAsync(team.Trainer, $"/api/v1/drill-sessions/{session}/scores")).JsonAsync(HttpStatusCode.OK);
        Assert.All(trainer["ratings"]!.AsArray(), r => Assert.Equal("trainer", (string)r!["kind"]!));
        foreach (var who in new[] { team.Ann, team.Lead, team.Trainer })
        {
            var early = await ProblemAsync(await world.People.GetAsync(who, $"/api/v1/drill-sessions/{session}/results"), HttpStatusCode.Conflict);
            Assert.Equal(409, (int)early["status"]!);
            Assert.DoesNotContain("Talked over", early.ToJsonString());
        }

        // The pages: the rater's own sheet, the session's scoring box and the results page show no one else's scores or comments.
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Ann.Email, ApiPeople.Password))
        {
            var rate = await (await browser.GetAsync($"/drill-sessions/{session}/rate")).Content.ReadAsStringAsync();
            Assert.Contains("A five: interests restated", rate); // the drill's description of a level beside the choice
            Assert.DoesNotContain("Talked over", rate);
            Assert.DoesNotContain("Clear common goal", rate);
            var resultsPage = await browser.GetAsync($"/drill-sessions/{session}/results");
            Assert.Equal(HttpStatusCode.OK, resultsPage.StatusCode);
            var html = await resultsPage.Content.ReadAsStringAsync();
            Assert.Contains("data-results-not-yet", html);
            Assert.DoesNotContain("data-mean", html);
            Assert.DoesNotContain("Talked over", html);
            var page = await (await browser.GetAsync($"/drill-sessions/{session}")).Content.ReadAsStringAsync();
            Assert.Contains("data-session-scoring", page);
            Assert.DoesNotContain("Talked over", page);
            Assert.DoesNotContain("Clear common goal", page);
        }
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password))
        {
            foreach (var url in new[] { $"/drill-sessions/{session}", $"/drill-sessions/{session}/rate", $"/drill-sessions/{session}/results" })
            {
                var html = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
                Assert.DoesNotContain("Talked over", html);
                Assert.DoesNotContain("Clear common goal", html);
                Assert.DoesNotContain("data-mean", html);
            }
        }

        // Nobody outside the session: 404 on every page and route, for reading and writing.
        await (await world.People.GetAsync(team.Outsider, $"/api/v1/drill-sessions/{session}/scores")).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.GetAsync(team.Outsider, $"/api/v1/drill-sessions/{session}/results")).StatusAsync(HttpStatusCode.NotFound);
        await (await world.RateAsync(team.Outsider, session, R("AccountManager", 0, 1))).StatusAsync(HttpStatusCode.NotFound);
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Outsider.Email, ApiPeople.Password))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/drill-sessions/{session}/rate")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/drill-sessions/{session}/results")).StatusCode);
        }
        // A rater is who the token says: a raterUserId in the body changes nothing, and Dan's ratings stay his.
        await (await world.People.SendAsync(team.Ann, HttpMethod.Put, $"/api/v1/drill-sessions/{session}/scores",
            new { raterUserId = team.Dan.Id, ratings = new[] { R("AccountManager", 0, 1, "forged") } })).JsonAsync(HttpStatusCode.OK);
        var dans = await world.WithDbAsync(db => db.Ratings.AsNoTracking().Where(r => r.SessionId == session && r.RaterUserId == team.Dan.Id).ToListAsync());
        Assert.Equal(2, dans.Single(r => r.RateeRoleKey == "AccountManager" && r.CriterionIndex == 0).Score);
        Assert.DoesNotContain(dans, r => r.Comment == "forged");
        Assert.Equal(1, await world.WithDbAsync(db => db.Ratings.Where(r => r.SessionId == session && r.RaterUserId == team.Ann.Id && r.CriterionIndex == 0
            && r.RateeRoleKey == "AccountManager").Select(r => r.Score).SingleAsync()));
        await (await world.RateAsync(team.Ann, session, R("AccountManager", 0, 4))).JsonAsync(HttpStatusCode.OK); // back to the fixture
        // A session of another team the rater is not in: 404, not a hint that it exists.
        var other = await world.TeamAsync();
        var otherSession = await world.SessionAsync(other);
        await (await world.RateAsync(team.Ann, otherSession, R("AccountManager", 0, 3))).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.GetAsync(team.Ann, $"/api/v1/drill-sessions/{otherSession}/scores")).StatusAsync(HttpStatusCode.NotFound);

        // Bad input names the field and saves nothing: the customer is not rated, scores are 1-5.
        var bad = await ProblemAsync(await world.RateAsync(team.Cy, session, R("AccountManager", 0, 5), R("Customer", 0, 3), R("DeliveryManager", 2, 6)),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["ratings[1].roleKey", "ratings[2].score"], bad.ErrorFields());
        Assert.False(await world.WithDbAsync(db => db.Ratings.AnyAsync(r => r.SessionId == session && r.RaterUserId == team.Cy.Id)));

        // The lead closes scoring from the session page's form; now everyone in the session sees the results.
        using (var lead = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password))
        {
            var closed = await lead.SubmitToAsync($"/drill-sessions/{session}/results", $"/drill-sessions/{session}/results?handler=Close", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }
        var results = await (await world.People.GetAsync(team.Dan, $"/api/v1/drill-sessions/{session}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("closed", (string)results["status"]!);
        Assert.Equal(3.3865, (double)results["teamScore"]!, 4);
        var am = results["roles"]![0]!;
        Assert.Equal(3.35, (double)am["score"]!, 9);
        Assert.Equal([3.0, 13.0 / 3, 8.0 / 3], am["criteria"]!.AsArray().Select(c => (double)c!["mean"]!));
        Assert.Equal([2, 1, 1], am["criteria"]!.AsArray().Select(c => (int)c!["spread"]!));
        Assert.Equal([true, false, false], am["criteria"]!.AsArray().Select(c => (bool)c!["disagreement"]!));
        var dm = results["roles"]![1]!;
        Assert.Equal((2, 65), ((int)dm["criteriaRated"]!, (int)dm["weightRated"]!));
        Assert.Equal(2, (int)results["disagreements"]!);
        // Closed is closed: no more ratings.
        await ProblemAsync(await world.RateAsync(team.Ann, session, R("AccountManager", 0, 5)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_trainer_finalises_with_a_note_audited_after_which_ratings_are_read_only_and_the_history_shows_to_its_people_only()
    {
        var team = await world.TeamAsync();
        var session = await world.SessionAsync(team);
        await world.RateFixtureAsync(team, session);
        var url = $"/drill-sessions/{session}/results";

        using var lead = await TestUsers.SignedInAsync(portal.Factory, team.Lead.Email, ApiPeople.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitToAsync(url, url + "?handler=Close", new Dictionary<string, string>())).StatusCode);
        // The results page: rater names and kinds, the disagreement marked in words, not only in colour.
        var html = await (await lead.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("Talked over the customer", html);
        Assert.Contains("data-disagreement-flag", html);
        Assert.Contains("Raters disagree: discuss", html);
        Assert.Contains("3.35", html);
        // A lead closes and reopens, but only a trainer (or administrator) finalises.
        Assert.DoesNotContain("data-finalize", html);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.SubmitToAsync(url, url + "?handler=Finalize", new Dictionary<string, string> { ["Note"] = "x" })).StatusCode);

        using var trainer = await TestUsers.SignedInAsync(portal.Factory, team.Trainer.Email, ApiPeople.Password);
        var empty = await trainer.SubmitToAsync(url, url + "?handler=Finalize", new Dictionary<string, string> { ["Note"] = "  " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Note: write what the scores mean for the team.", await empty.Content.ReadAsStringAsync());
        Assert.Null(await world.WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.FinalizedUtc).SingleAsync()));
        var done = await trainer.SubmitToAsync(url, url + "?handler=Finalize", new Dictionary<string, string> { ["Note"] = "Agree goals <b>before</b> pricing." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var final = await world.WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == session));
        Assert.Equal(team.Trainer.Id, final.FinalizedByUserId);
        Assert.Equal("Agree goals <b>before</b> pricing.", final.FinalNote);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            Assert.True(await audit.Entries.AnyAsync(e => e.Action == "drillsession.finalize" && e.Target == $"drill-session:{session}"));
        }
        var shown = await (await trainer.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("Agree goals &lt;b&gt;before&lt;/b&gt; pricing.", shown); // user text encoded
        Assert.DoesNotContain("data-reopen-scoring", shown);

        // Read-only from now on: no rating, no reopening, no second finalising.
        var refused = await ProblemAsync(await world.RateAsync(team.Ann, session, R("AccountManager", 0, 5)), HttpStatusCode.Conflict);
        Assert.Contains("final", (string)refused["detail"]!);
        // The page offers no form any more; a hand-made post (with a valid antiforgery token) is refused with the reason.
        var token = await lead.AntiforgeryTokenAsync("/account/profile");
        var reopen = await lead.PostAsync(url + "?handler=Reopen", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Contains("The scores are final: ratings can no longer change.", await reopen.Content.ReadAsStringAsync());
        var again = await trainer.PostAsync(url + "?handler=Finalize", new Dictionary<string, string>
            { ["__RequestVerificationToken"] = await trainer.AntiforgeryTokenAsync("/account/profile"), ["Note"] = "Second note" });
        Assert.Contains("The scores are final already.", await again.Content.ReadAsStringAsync());
        Assert.Equal("Agree goals <b>before</b> pricing.", await world.WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.FinalNote).SingleAsync()));
        Assert.Equal(DrillSessionStatus.Closed, await world.WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.Status).SingleAsync()));
        Assert.Equal(4, await world.WithDbAsync(db => db.Ratings.Where(r => r.SessionId == session && r.RaterUserId == team.Ann.Id
            && r.RateeRoleKey == "AccountManager" && r.CriterionIndex == 0).Select(r => r.Score).SingleAsync()));
        var finalResults = await (await world.People.GetAsync(team.Ann, $"/api/v1/drill-sessions/{session}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)finalResults["final"]!);

        // History: Ann sees hers on her profile (her role score 3.35, the team's 3.39); Dan's profile is his own.
        using (var ann = await TestUsers.SignedInAsync(portal.Factory, team.Ann.Email, ApiPeople.Password))
        {
            var profile = await (await ann.GetAsync("/account/profile")).Content.ReadAsStringAsync();
            Assert.Contains("data-drill-history=\"rep\"", profile);
            Assert.Contains($"data-history-session=\"{session}\"", profile);
            Assert.Contains("3.35", profile);
            Assert.Contains("3.39", profile);
            // A member who does not lead the team does not see the team's history on the team page.
            var teamPage = await ann.GetAsync($"/teams/{team.Id}");
            Assert.Equal(HttpStatusCode.OK, teamPage.StatusCode);
            Assert.DoesNotContain("data-drill-history", await teamPage.Content.ReadAsStringAsync());
        }
        // The lead sees the team's: the team score and each player's role score (not the customer's: not rated).
        var leadTeam = await (await lead.GetAsync($"/teams/{team.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("data-drill-history=\"team\"", leadTeam);
        Assert.Contains($"data-history-session=\"{session}\"", leadTeam);
        Assert.Contains("3.42", leadTeam); // Dan's role score, 222.5 / 65
        using (var outsider = await TestUsers.SignedInAsync(portal.Factory, team.Outsider.Email, ApiPeople.Password))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/teams/{team.Id}")).StatusCode);
            Assert.DoesNotContain("data-drill-history", await (await outsider.GetAsync("/account/profile")).Content.ReadAsStringAsync());
        }
        // A session that is closed but not final is not history yet.
        var notFinal = await world.SessionAsync(team);
        await world.RateFixtureAsync(team, notFinal);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitToAsync($"/drill-sessions/{notFinal}/results", $"/drill-sessions/{notFinal}/results?handler=Close",
            new Dictionary<string, string>())).StatusCode);
        Assert.DoesNotContain($"data-history-session=\"{notFinal}\"", await (await lead.GetAsync($"/teams/{team.Id}")).Content.ReadAsStringAsync());
    }
}

public sealed class DrillScoringFlowTests_Sqlite(SqlitePortal portal) : DrillScoringFlowTests(portal), IClassFixture<SqlitePortal>;

public sealed class DrillScoringFlowTests_Postgres(PostgresPortal portal) : DrillScoringFlowTests(portal), IClassFixture<PostgresPortal>;
