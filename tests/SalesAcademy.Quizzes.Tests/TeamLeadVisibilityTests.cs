using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The TeamLead role alone opens no one's results: only the Lead of a team the taker is in sees them. A user with the
/// TeamLead role who is an ordinary member of the rep's team (someone else leads it) gets 404, like any other reader.
/// </summary>
public abstract class TeamLeadVisibilityTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;
    private ApiPeople People => new(Factory);

    [Fact]
    public async Task A_TeamLead_who_is_only_a_member_of_the_reps_team_does_not_see_the_reps_result()
    {
        var world = new QuizWorld(Factory);
        var quiz = await world.QuizAsync(await world.FiveKindsAsync());
        var rep = await People.NewAsync(PortalRoles.Rep);
        var attempt = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);

        // One team: `lead` leads it; `colleague` has the TeamLead role (leads nothing here) and is a plain member beside the rep.
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        var colleague = await People.NewAsync(PortalRoles.TeamLead);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var roster = scope.ServiceProvider.GetRequiredService<SalesAcademy.Teams.Services.TeamRoster>();
            var (team, error) = await roster.CreateAsync("Visibility team " + QuizWorld.Suffix(), null);
            Assert.Null(error);
            Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, TeamRoles.Lead));
            Assert.Null(await roster.AddMemberAsync(team.Id, colleague.Email, "SolutionManager"));
            Assert.Null(await roster.AddMemberAsync(team.Id, rep.Email, "AccountManager"));
        }

        // The team's Lead sees it (so the 404 below is about the team role, not a broken setup) ...
        await (await People.SendAsync(lead, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).StatusAsync(HttpStatusCode.OK);
        // ... the member with the TeamLead role does not, over the API or on the pages.
        await (await People.SendAsync(colleague, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(colleague, HttpMethod.Get, $"/api/v1/attempts/{id}")).StatusAsync(HttpStatusCode.NotFound);
        using var browser = await TestUsers.SignedInAsync(Factory, colleague.Email, ApiPeople.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/quizzes/attempt/{id}/result")).StatusCode);
        var results = new HtmlParser().ParseDocument(await (await browser.GetAsync($"/quizzes/{quiz.Slug}/results")).Content.ReadAsStringAsync());
        Assert.DoesNotContain(rep.Email, results.QuerySelectorAll(".sa-results tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }
}

public sealed class TeamLeadVisibilityTests_Sqlite(SqlitePortal portal) : TeamLeadVisibilityTests(portal), IClassFixture<SqlitePortal>;
