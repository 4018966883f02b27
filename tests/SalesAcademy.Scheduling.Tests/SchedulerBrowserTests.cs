using System.Globalization;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>A trainer creates a weekly cycle in the editor in Chromium (the kind's settings follow the chosen kind) and sees its next fire time on /admin/scheduler.</summary>
public sealed class SchedulerBrowserTests(BrowserCyclePortal portal) : ChromiumTestClass, IClassFixture<BrowserCyclePortal>
{
    [Fact]
    public async Task A_trainer_creates_a_weekly_cycle_and_sees_its_next_fire_time()
    {
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Tina Trainer");
        var team = await new CycleArrange(portal.Factory).TeamAsync();
        var title = "Weekly objection drill " + Guid.NewGuid().ToString("N")[..6];
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (context)
        {
            await Chromium.SignInAsync(page, trainer);
            await page.GotoAsync("/admin/scheduler");
            await page.Locator("#new-cycle").ClickAsync();
            await Expect(page.Locator("#cycle-title")).ToBeVisibleAsync();
            // A kind's settings show for that kind only: the quiz round asks for its quiz, the recording kind has none.
            await page.Locator("#cycle-kind").SelectOptionAsync("quiz-round");
            await Expect(page.Locator("#setting-quiz-round-quiz")).ToBeVisibleAsync();
            // A daily kind starts a new cycle daily ("0 9 * * *"); a kind without a default goes back to weekly.
            await page.Locator("#cycle-kind").SelectOptionAsync("review-reminder");
            await Expect(page.Locator("#cycle-cadence")).ToHaveValueAsync("cron");
            await Expect(page.Locator("#cycle-cron")).ToHaveValueAsync("0 9 * * *");
            await page.Locator("#cycle-kind").SelectOptionAsync(RecordingKind.KindKey);
            await Expect(page.Locator("#setting-quiz-round-quiz")).ToBeHiddenAsync();
            await Expect(page.Locator("#cycle-cadence")).ToHaveValueAsync("weekly");
            await Expect(page.Locator("#cycle-cron")).ToHaveValueAsync("");
            await page.Locator("#cycle-title").FillAsync(title);
            await page.Locator($"#team-{team}").CheckAsync();
            await page.Locator("#cycle-cadence").SelectOptionAsync("weekly");
            await page.Locator("#cycle-day").SelectOptionAsync("Thursday");
            await page.Locator("#cycle-time").FillAsync("09:30");
            await page.Locator("#cycle-zone").FillAsync("Europe/Berlin");
            await page.Locator("#cycle-open").FillAsync("2d");
            await page.Locator("#cycle-reminders").FillAsync("24h");
            await Chromium.ScreenshotAsync(page, "cycle-editor.png");
            await page.Locator("main form.sa-cycle-form button[type='submit']").ClickAsync();

            // Back on the scheduler: the cycle, its cadence in words and its next Thursday 09:30 in Berlin.
            var card = page.Locator("section[data-cycle]", new() { HasText = title });
            await Expect(card.Locator("[data-cycle-cadence]")).ToHaveTextAsync("Every Thursday at 09:30");
            await Expect(card.Locator("[data-cycle-zone]")).ToHaveTextAsync("Europe/Berlin");
            var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, berlin);
            var next = now.Date.AddDays(((int)DayOfWeek.Thursday - (int)now.DayOfWeek + 7) % 7).AddHours(9.5);
            if (next <= now) next = next.AddDays(7);
            await Expect(card.Locator("[data-cycle-next] time").First)
                .ToHaveTextAsync(next.ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.GetCultureInfo("en")));
            await Chromium.ScreenshotAsync(page, "scheduler.png");
            Assert.True(problems.Count == 0, "Problems on the scheduler pages:\n" + string.Join("\n", problems));
        }
    }
}
