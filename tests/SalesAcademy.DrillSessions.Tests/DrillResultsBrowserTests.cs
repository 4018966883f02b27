using Microsoft.EntityFrameworkCore;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// The results page and the team's drill history in a real browser (Debian's Chromium, strict CSP): the criteria where raters
/// differ by 2 or more marked with a badge in words, and the history drawn by Chart.js with the table behind it.
/// Screenshots: drill-results.png and drill-history.png in the test artifacts (copied to docs/images/drill-sessions/).
/// </summary>
public sealed class DrillResultsBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task The_results_mark_the_disagreements_and_the_team_page_draws_the_history_with_its_table()
    {
        var world = new ScoringWorld(portal.Factory);
        var team = await world.TeamAsync();
        // An earlier session, lower scores all round, then the fixture's session (as in DrillScoringTests); both closed and finalised.
        var earlier = await world.SessionAsync(team, scheduled: DateTime.UtcNow.AddDays(-14));
        await world.RateDirectAsync(team.Ann, earlier, ("AccountManager", 0, 2), ("AccountManager", 1, 3), ("AccountManager", 2, 2),
            ("DeliveryManager", 0, 3), ("DeliveryManager", 1, 2), ("DeliveryManager", 2, 3));
        await world.RateDirectAsync(team.Trainer, earlier, ("AccountManager", 0, 3), ("AccountManager", 1, 3), ("AccountManager", 2, 2),
            ("DeliveryManager", 0, 3), ("DeliveryManager", 1, 3), ("DeliveryManager", 2, 2));
        var session = await world.SessionAsync(team);
        await world.RateDirectAsync(team.Ann, session, ("AccountManager", 0, 4), ("AccountManager", 1, 5), ("AccountManager", 2, 3),
            ("DeliveryManager", 0, 5), ("DeliveryManager", 1, 1));
        await world.RateDirectAsync(team.Dan, session, ("AccountManager", 0, 2), ("AccountManager", 1, 4), ("AccountManager", 2, 3));
        await world.RateDirectAsync(team.Dan, session, new Services.RatingInput("AccountManager", 0, 2, "Talked over the customer before hearing her out"));
        await world.RateDirectAsync(team.Trainer, session, new Services.RatingInput("DeliveryManager", 1, 4, "Proposed phased go-live: that was the common goal"));
        await world.RateDirectAsync(team.Trainer, session, ("AccountManager", 0, 3), ("AccountManager", 1, 4), ("AccountManager", 2, 2),
            ("DeliveryManager", 0, 4), ("DeliveryManager", 1, 4));
        foreach (var id in new[] { earlier, session })
            await world.CloseAndFinalizeDirectAsync(team.Trainer, id, "Next time: restate each other's interests before proposing.");
        Assert.Equal(2, await world.WithDbAsync(db => db.Sessions.CountAsync(s => s.TeamId == team.Id && s.FinalizedUtc != null)));

        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (context)
        {
            await Chromium.SignInAsync(page, team.Lead.Email, ApiPeople.Password);
            await page.GotoAsync($"/drill-sessions/{session}/results");
            await Expect(page.Locator("[data-team-score]")).ToContainTextAsync("3.39");
            var flagged = page.Locator("tr[data-disagreement='true']");
            await Expect(flagged).ToHaveCountAsync(2);
            await Expect(flagged.First.Locator("[data-disagreement-flag]")).ToHaveTextAsync("⚠ Raters disagree: discuss");
            await Expect(page.Locator("[data-role-results='AccountManager'] [data-role-score]")).ToContainTextAsync("3.35");
            await Expect(page.Locator("[data-role-results='DeliveryManager'] [data-role-partial]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-role-comments]").First).ToContainTextAsync("Talked over the customer");
            await Chromium.ScreenshotAsync(page, "drill-results.png");
            var violations = (await Axe.ViolationsAsync(page)).ToList();

            await page.GotoAsync($"/teams/{team.Id}");
            await Expect(page.Locator("[data-drill-history-table] tbody tr")).ToHaveCountAsync(2);
            var canvas = page.Locator("#drill-history-chart");
            await Expect(canvas).ToBeVisibleAsync();
            // Chart.js drew it: the script marks the canvas with the number of points it plotted (team + Ann + Dan, two sessions each).
            await Expect(canvas).ToHaveAttributeAsync("data-chart-drawn", "6");
            var lines = await page.EvaluateAsync<int[]>("() => Chart.getChart(document.getElementById('drill-history-chart')).data.datasets.map(d => d.data.length)");
            Assert.Equal([2, 2, 2], lines);
            await canvas.ScrollIntoViewIfNeededAsync();
            await Chromium.ScreenshotAsync(page, "drill-history.png");
            violations.AddRange(await Axe.ViolationsAsync(page));
            // The lead's own sheet while scoring is open (the 1-5 choices with the drill's level descriptions beside them).
            var open = await world.SessionAsync(team);
            await page.GotoAsync($"/drill-sessions/{open}/rate");
            await Expect(page.Locator("fieldset[data-rate-role]")).ToHaveCountAsync(2);
            violations.AddRange(await Axe.ViolationsAsync(page));
            Assert.True(violations.Count == 0, "axe violations:\n" + string.Join("\n", violations));
            Assert.True(problems.Count == 0, "Problems on the drill pages:\n" + string.Join("\n", problems));
        }
    }

}
