using Microsoft.Playwright;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Insights.Tests;

/// <summary>
/// The three dashboards and /about/metrics in a real browser (Debian's Chromium, strict CSP): Chart.js draws each chart from its
/// data attribute, the table behind it is there, an index expands into its components; no script error, no CSP report, no axe
/// (WCAG 2.1 A/AA) violation. Screenshots (test artifacts, copied to docs/images/insights/): insights-rep.png, insights-team.png,
/// insights-overview.png, metrics-zh-CN.png, metrics-en.png.
/// </summary>
public sealed class InsightsBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task The_dashboards_draw_their_charts_with_the_tables_behind_them_and_metrics_shows_the_weights()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();
        var violations = new List<string>();

        var (repContext, rep, repProblems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (repContext)
        {
            await Chromium.SignInAsync(rep, w.Ann.Email, ApiPeople.Password);
            await rep.GotoAsync("/insights/me");
            await Expect(rep.Locator("#chart-trend")).ToHaveAttributeAsync("data-chart-drawn", "4"); // readiness and mastery, two periods
            await Expect(rep.Locator("#chart-radar")).ToBeVisibleAsync();
            await Expect(rep.Locator("table[data-chart-table='mastery'] td").Last).ToHaveTextAsync("0.31");
            await rep.Locator("[data-index='index.readiness'] summary").ClickAsync();
            await Expect(rep.Locator("[data-index='index.readiness'] tr[data-component='mastery']")).ToBeVisibleAsync();
            await Chromium.ScreenshotAsync(rep, "insights-rep.png");
            violations.AddRange(await Axe.ViolationsAsync(rep));
            Assert.True(repProblems.Count == 0, "Problems on the rep's dashboard:\n" + string.Join("\n", repProblems));
        }

        var (leadContext, lead, leadProblems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (leadContext)
        {
            await Chromium.SignInAsync(lead, w.LeadA.Email, ApiPeople.Password);
            await lead.GotoAsync($"/insights/teams/{w.TeamA}");
            await Expect(lead.Locator("#chart-participation")).ToHaveAttributeAsync("data-chart-drawn", "4"); // quiz and drill shares, two periods
            await Expect(lead.Locator("#chart-radar")).ToHaveAttributeAsync("data-chart-drawn", "6"); // 3 criteria × 2 periods
            await Expect(lead.Locator("[data-index='index.collaboration'] [data-index-withheld]")).ToContainTextAsync("Fewer than 3 people answered the pulse");
            await Expect(lead.Locator($"[data-weakness='topic:{InsightsWorld.WeakTag}'] [data-assign='quiz']").First).ToBeVisibleAsync();
            await Chromium.ScreenshotAsync(lead, "insights-team.png");
            violations.AddRange(await Axe.ViolationsAsync(lead));
            Assert.True(leadProblems.Count == 0, "Problems on the team dashboard:\n" + string.Join("\n", leadProblems));
        }

        var (trainerContext, trainer, trainerProblems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (trainerContext)
        {
            await Chromium.SignInAsync(trainer, w.Trainer.Email, ApiPeople.Password);
            await trainer.GotoAsync("/insights");
            await Expect(trainer.Locator($"tr[data-team='{w.TeamB}']")).ToBeVisibleAsync();
            await Expect(trainer.Locator("table[data-chart-table='teams'] td.sa-heat-4").First).ToBeVisibleAsync();
            await Expect(trainer.Locator("#chart-team-indices")).ToHaveAttributeAsync("data-chart-drawn", new System.Text.RegularExpressions.Regex("^[1-9]"));
            await Chromium.ScreenshotAsync(trainer, "insights-overview.png");
            violations.AddRange(await Axe.ViolationsAsync(trainer));
            Assert.True(trainerProblems.Count == 0, "Problems on the overview:\n" + string.Join("\n", trainerProblems));
        }

        foreach (var language in new[] { "zh-CN", "en" })
        {
            var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, language);
            await using (context)
            {
                await Chromium.SignInAsync(page, TestUsers.AdminEmail, TestUsers.AdminPassword);
                await page.GotoAsync("/about/metrics");
                await Expect(page.Locator("[data-index-weights='index.readiness'] tr[data-component='mastery'] td").First).ToHaveTextAsync("0.35");
                await Expect(page.Locator("[data-weights-editor] input[name='readiness.mastery']")).ToBeVisibleAsync();
                await Expect(page.Locator("[data-weights-history] tr[data-version='1']")).ToBeVisibleAsync();
                await Chromium.ScreenshotAsync(page, $"metrics-{language}.png");
                violations.AddRange(await Axe.ViolationsAsync(page));
                Assert.True(problems.Count == 0, $"Problems on /about/metrics ({language}):\n" + string.Join("\n", problems));
            }
        }
        Assert.True(violations.Count == 0, "axe violations:\n" + string.Join("\n", violations));
    }

}
