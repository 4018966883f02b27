using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// One session, three roles, three people in three browsers (Debian's Chromium) and the lead who facilitates in a fourth:
/// each player sees only their own brief, the lead moves the steps and the players' pages follow (the poll fragment), the
/// countdown runs, everyone submits, and once a step is over everyone sees everyone's submissions.
/// </summary>
public sealed class DrillSessionBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Three_players_each_see_only_their_own_brief_and_follow_the_facilitator_through_the_steps()
    {
        var world = new DrillWorld(portal.Factory);
        var team = await world.TeamAsync(members: 3);
        var drill = await world.DrillAsync();
        string[] roles = ["AccountManager", "SolutionManager", "DeliveryManager"];
        var contexts = new List<IBrowserContext>();
        var problems = new List<List<string>>();
        try
        {
            var pages = new List<IPage>();
            foreach (var person in team.Members.Prepend(team.Lead))
            {
                var (context, page, seen) = await Chromium.OpenAsync(portal.Factory, "en");
                contexts.Add(context);
                problems.Add(seen);
                await Chromium.SignInAsync(page, person.Email, ApiPeople.Password);
                pages.Add(page);
            }
            var lead = pages[0];
            var players = pages.Skip(1).ToList();

            // The lead schedules it on the list page, then names the facilitator and who plays which role on the session's page.
            await lead.GotoAsync("/drill-sessions");
            await lead.Locator("#schedule-team").SelectOptionAsync(team.Id);
            await lead.Locator("#schedule-drill").SelectOptionAsync(drill.Id);
            await lead.Locator("#schedule-date").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
            await lead.Locator("#schedule-time").FillAsync("09:30");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
            await Expect(lead).ToHaveURLAsync(new Regex(@"/drill-sessions/\d+#people$"));
            var url = new Uri(lead.Url).AbsolutePath;
            await lead.Locator("#assign-facilitator").SelectOptionAsync(team.Lead.Id);
            for (var i = 0; i < roles.Length; i++) await lead.Locator($"#assign-{roles[i].ToLowerInvariant()}").SelectOptionAsync(team.Members[i].Id);
            await lead.GetByRole(AriaRole.Button, new() { Name = "Save the roles" }).ClickAsync();
            await Expect(lead.Locator("[data-role='DeliveryManager']")).Not.ToContainTextAsync("unassigned");
            await Expect(lead.Locator("[data-role='Customer'] [data-unassigned]")).ToBeVisibleAsync(); // an unassigned role is shown
            foreach (var page in players) await page.GotoAsync(url);

            // Each player: their own brief, none of the others'.
            for (var i = 0; i < players.Count; i++)
            {
                await Expect(players[i].Locator("[data-brief]")).ToContainTextAsync(drill.Briefs[roles[i]]);
                foreach (var other in roles.Where(r => r != roles[i]))
                    await Expect(players[i].GetByText(drill.Briefs[other])).ToHaveCountAsync(0);
            }
            await Expect(lead.Locator("[data-brief]")).ToHaveCountAsync(4); // three roles and the customer

            // The lead starts it; the players' pages follow without anyone reloading them, and the time box counts down.
            await lead.GetByRole(AriaRole.Button, new() { Name = "Start the session" }).ClickAsync();
            await Expect(lead.Locator("[data-current-step]")).ToHaveAttributeAsync("data-current-step", "0");
            foreach (var page in players)
            {
                await Expect(page.Locator("[data-current-step]")).ToHaveAttributeAsync("data-current-step", "0");
                await Expect(page.Locator("[data-drill-timer]")).ToHaveTextAsync(new Regex(@"^\s*[45]:\d\d left\s*$"));
            }
            var shown = await players[0].Locator("[data-drill-timer]").TextContentAsync();
            await Expect(players[0].Locator("[data-drill-timer]")).Not.ToHaveTextAsync(shown!, new() { Timeout = 5_000 }); // it ticks

            // Everyone submits for the step; each sees their own at once, nobody else's yet.
            for (var i = 0; i < players.Count; i++)
            {
                await players[i].Locator("#submit-text").FillAsync($"Submission of {roles[i]}");
                await players[i].GetByRole(AriaRole.Button, new() { Name = "Submit the text" }).ClickAsync();
                await Expect(players[i].Locator("[data-submission]")).ToHaveCountAsync(1);
                await Expect(players[i].Locator("[data-submission]")).ToContainTextAsync($"Submission of {roles[i]}");
            }
            await Expect(lead.Locator("[data-live-at]")).ToContainTextAsync("3");
            await Chromium.ScreenshotAsync(players[1], "participant-brief.png");

            // Next step: the players follow, and the first step's submissions are everyone's now.
            await lead.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
            foreach (var page in players)
            {
                await Expect(page.Locator("[data-current-step]")).ToHaveAttributeAsync("data-current-step", "1");
                await Expect(page.Locator("[data-submission]")).ToHaveCountAsync(3);
            }
            await lead.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
            await Expect(lead.Locator("[data-current-step]")).ToHaveAttributeAsync("data-current-step", "2");
            await lead.GetByRole(AriaRole.Button, new() { Name = "End the steps and start scoring" }).ClickAsync();
            foreach (var page in pages) await Expect(page.Locator("[data-session-facts] [data-status]")).ToHaveAttributeAsync("data-status", "Scoring");

            var all = problems.SelectMany(p => p).ToList();
            Assert.True(all.Count == 0, string.Join("\n", all));
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }
}
