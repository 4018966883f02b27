using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Teams.Tests;

/// <summary>
/// A team lead's first view (issue 14 §4): members × quizzes on the team page, with those who never started, the review
/// deck and contributions, and the same grid as CSV; only for the team's leads, trainers and administrators.
/// </summary>
public abstract class TeamProgressTests(PortalFixture portal)
{
    private const string Quiz = "iron-triangle-basics";

    private async Task<(string Email, string Id)> NewUserAsync(string role, string displayName)
    {
        var user = await TestUsers.NewAsync(portal.Factory, role, displayName);
        return (user.Email!, user.Id);
    }

    /// <summary>
    /// A team of a lead, a rep who finished the seed quiz once and has a second attempt open, and a rep who never
    /// started anything (named like a spreadsheet formula).
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var lead = await NewUserAsync(PortalRoles.TeamLead, "Lena Lead");
        var active = await NewUserAsync(PortalRoles.Rep, "Ray Active");
        var idle = await NewUserAsync(PortalRoles.Rep, "=HYPERLINK(\"http://x.test\",\"Ida\")");
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Progress " + Guid.NewGuid().ToString("N")[..8], "A test team");
        Assert.Null(error);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, "Lead"));
        Assert.Null(await roster.AddMemberAsync(team.Id, active.Email, "AccountManager"));
        Assert.Null(await roster.AddMemberAsync(team.Id, idle.Email, "Rep"));

        var quiz = await scope.ServiceProvider.GetRequiredService<PublishedContent>().BySlugAsync(QuizzesModule.QuizType, Quiz);
        var attempts = scope.ServiceProvider.GetRequiredService<QuizAttempts>();
        var first = await attempts.StartAsync(quiz!.ContentItemId, new Taker(active.Id, active.Email));
        await attempts.SubmitAsync(first.Attempt!.Id, active.Id);
        var second = await attempts.StartAsync(quiz.ContentItemId, new Taker(active.Id, active.Email));
        Assert.NotNull(second.Attempt);
        return new Arranged(team.Id, lead.Email, active.Email, idle.Email, first.Attempt.Id);
    }

    private sealed record Arranged(string TeamId, string Lead, string Active, string Idle, long FinishedAttempt);

    /// <summary>A new team's lead, signed in, opens the team's page (or <paramref name="path"/> below it): 200.</summary>
    private async Task<(Arranged Team, Browser Lead, HttpResponseMessage Response)> LeadOpensAsync(string path = "")
    {
        var team = await ArrangeAsync();
        var lead = await TestUsers.SignedInAsync(portal.Factory, team.Lead);
        var response = await lead.GetAsync($"/teams/{team.TeamId}{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (team, lead, response);
    }

    private static int PublishedQuizzes => Directory.EnumerateFiles(Path.Combine(TestPaths.SeedContent, "quizzes"), "*.md").Count();

    [Fact]
    public async Task A_lead_sees_every_member_on_the_quiz_grid_including_one_who_never_started()
    {
        var (team, signedIn, response) = await LeadOpensAsync();
        using var lead = signedIn;
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var grid = page.QuerySelector("table.sa-team-progress");
        Assert.NotNull(grid);
        Assert.Equal(PublishedQuizzes, grid.QuerySelectorAll("thead th[data-quiz]").Length);
        Assert.Equal(3, grid.QuerySelectorAll("tbody tr[data-member]").Length);
        // The quiz column links to its item analysis.
        Assert.NotNull(grid.QuerySelector($"thead th[data-quiz='{Quiz}'] a[href='/quizzes/{Quiz}/statistics']"));

        // The rep who never started: a row all the same, every quiz "not started", nothing in the deck or contributed.
        var idle = grid.QuerySelector($"tbody tr[data-member='{team.Idle}']")!;
        Assert.Equal(PublishedQuizzes, idle.QuerySelectorAll("td[data-state='not-started']").Length);
        Assert.All(idle.QuerySelectorAll("td[data-state='not-started']"), td => Assert.Equal("not started", td.TextContent.Trim()));
        Assert.Equal("0", idle.QuerySelector("td[data-deck-reviews]")!.TextContent.Trim());
        Assert.Equal("0", idle.QuerySelector("td[data-published]")!.TextContent.Trim());

        // The active rep: best finished score with the attempt count (and the open one), linking to that result.
        var active = grid.QuerySelector($"tbody tr[data-member='{team.Active}']")!;
        var quizIndex = grid.QuerySelectorAll("thead th").Select(th => th.GetAttribute("data-quiz")).ToList().IndexOf(Quiz);
        var cell = active.Children[quizIndex];
        Assert.Equal("finished", cell.GetAttribute("data-state"));
        Assert.Equal($"/quizzes/attempt/{team.FinishedAttempt}/result", cell.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("0%", cell.TextContent);
        Assert.Contains("2 attempts", cell.TextContent);
        Assert.Contains("in progress", cell.TextContent);
        Assert.Equal(PublishedQuizzes - 1, active.QuerySelectorAll("td[data-state='not-started']").Length);

        // The lead may open the linked result.
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/quizzes/attempt/{team.FinishedAttempt}/result")).StatusCode);
    }

    [Fact]
    public async Task The_CSV_has_the_same_grid_and_defuses_formulas()
    {
        var (team, signedIn, response) = await LeadOpensAsync("/progress.csv");
        using var lead = signedIn;
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length); // header + three members
        Assert.StartsWith("Name,E-mail,Team role,", lines[0]);
        Assert.EndsWith("Cards due,Reviews in the last 30 days,Contributions submitted,Contributions published", lines[0]);
        // The formula-like name is quoted (it has commas and quotes) and starts with an apostrophe, so no spreadsheet runs it.
        var idle = Assert.Single(lines, l => l.Contains(team.Idle));
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://x.test\"\",\"\"Ida\"\")\",", idle);
        Assert.Equal(PublishedQuizzes, idle.Split(',').Count(f => f == "not started"));
        var active = Assert.Single(lines, l => l.Contains(team.Active));
        Assert.Contains("0% 2 attempts · in progress", active);
    }

    [Fact]
    public async Task A_rep_of_the_team_and_a_lead_of_another_team_do_not_find_the_grid()
    {
        var team = await ArrangeAsync();
        var other = await ArrangeAsync();

        using var rep = await TestUsers.SignedInAsync(portal.Factory, team.Idle);
        var page = await rep.GetAsync($"/teams/{team.TeamId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // a member sees the team and its members…
        Assert.DoesNotContain("sa-team-progress", await page.Content.ReadAsStringAsync()); // …but not the grid
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/teams/{team.TeamId}/progress.csv")).StatusCode);

        using var otherLead = await TestUsers.SignedInAsync(portal.Factory, other.Lead);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/teams/{team.TeamId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/teams/{team.TeamId}/progress.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherLead.GetAsync($"/teams/{other.TeamId}/progress.csv")).StatusCode);
    }
}

public sealed class TeamProgressTests_Sqlite(SqlitePortal portal) : TeamProgressTests(portal), IClassFixture<SqlitePortal>;

public sealed class TeamProgressTests_Postgres(PostgresPortal portal) : TeamProgressTests(portal), IClassFixture<PostgresPortal>;
