using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Pulses.Tests;

/// <summary>
/// A team's pulse trend in a real browser (Debian's Chromium, 1280 wide): four fortnightly team-health pulses answered by
/// four people, the line chart drawn by the theme's Chart.js under the strict CSP without errors, the table behind it.
/// </summary>
public sealed class PulseBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task The_trend_page_draws_one_line_per_dimension_with_the_table_behind_it()
    {
        var world = new PulseWorld(portal.Factory);
        var team = await world.TeamAsync(3);
        var pack = (await portal.Factory.Services.GetRequiredService<PublishedContent>().BySlugAsync(PulsesModule.PackType, "team-health"))!;
        // The team improves on structure and clarity over two months; psychological safety dips once, then recovers.
        var start = DateTime.UtcNow.Date.AddDays(-42).AddHours(9);
        int[][] scores = [[3, 3, 2, 4, 3], [2, 3, 3, 4, 3], [3, 4, 4, 4, 4], [4, 4, 5, 5, 4]];
        string[] dimensions = ["psychological-safety", "dependability", "structure-and-clarity", "meaning", "impact"];
        var part = pack.As<Models.PulsePackPart>();
        var latest = 0L;
        for (var p = 0; p < scores.Length; p++)
        {
            var (run, pulseId) = await world.OpenAsync(team.Id, pack, start.AddDays(14 * p));
            latest = pulseId;
            var person = 0;
            foreach (var member in team.Everyone)
            {
                var spread = person++ % 3 - 1; // -1, 0, +1, -1: the people differ, and so do the statements
                await world.AnswerDirectAsync(member, pulseId, key =>
                {
                    var d = Array.IndexOf(dimensions, part.Dimensions.Single(x => x.Statements.Any(s => s.Key == key)).Key);
                    return Math.Clamp(scores[p][d] + spread + (key.Length % 3 == 0 && person == 2 ? 1 : 0), 1, 5);
                });
            }
            if (p < scores.Length - 1) await world.CloseAsync(run);
        }

        foreach (var (locale, file) in new[] { ("en", "pulse-trend.png"), ("zh-CN", "pulse-trend-zh.png") })
        {
            var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
            await using (context)
            {
                await Chromium.SignInAsync(page, team.Lead.Email, ApiPeople.Password);
                await page.GotoAsync($"/pulses/team/{team.Id}");
                await Expect(page.Locator("#pulse-trend-chart")).ToBeVisibleAsync();
                await Expect(page.Locator("[data-pulse-trend] tbody tr")).ToHaveCountAsync(scores.Length);
                await Expect(page.Locator("[data-pulse-results] tr[data-dimension]")).ToHaveCountAsync(dimensions.Length);
                // Chart.js drew it: one line per dimension, one point per pulse.
                var lines = await page.EvaluateAsync<int[]>("() => Chart.getChart(document.getElementById('pulse-trend-chart')).data.datasets.map(d => d.data.length)");
                Assert.Equal(Enumerable.Repeat(scores.Length, dimensions.Length), lines);
                await Chromium.ScreenshotAsync(page, file);
                // WCAG 2.1 A/AA on the trend page and on the open pulse's answer form.
                var violations = (await Axe.ViolationsAsync(page)).ToList();
                await page.GotoAsync($"/pulses/{latest}");
                await Expect(page.Locator("fieldset[data-statement]").First).ToBeVisibleAsync();
                violations.AddRange(await Axe.ViolationsAsync(page));
                Assert.True(violations.Count == 0, "axe violations:\n" + string.Join("\n", violations));
                Assert.True(problems.Count == 0, "Problems on the pulse pages:\n" + string.Join("\n", problems));
            }
        }
    }

}
