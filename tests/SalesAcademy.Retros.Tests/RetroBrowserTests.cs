using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Retros.Tests;

/// <summary>
/// Four people in four browsers (Debian's Chromium): the lead starts a retro in the page, everyone writes a card while
/// seeing only their own, the counts move on every screen without a reload, the phase change reloads the others' pages,
/// cards are grouped by drag and drop and by the keyboard select, and everyone votes within the budget.
/// </summary>
public sealed class RetroBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Four_people_reflect_and_vote_together_each_seeing_only_their_own_cards_until_the_step_ends()
    {
        var world = new RetroWorld(portal.Factory);
        var team = await world.TeamAsync();
        var people = team.Everyone.ToArray();
        var contexts = new List<IBrowserContext>();
        var problems = new List<List<string>>();
        try
        {
            var pages = new List<IPage>();
            foreach (var person in people)
            {
                var (context, page, seen) = await Chromium.OpenAsync(portal.Factory, "en");
                contexts.Add(context);
                problems.Add(seen);
                await Chromium.SignInAsync(page, person.Email, ApiPeople.Password);
                pages.Add(page);
            }
            var lead = pages[0];

            // The lead starts it from the list page.
            await lead.GotoAsync("/retros");
            await lead.Locator("#start-team").SelectOptionAsync(team.Id);
            await lead.Locator("#start-template").SelectOptionAsync("retro-template-start-stop-continue");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
            await Expect(lead).ToHaveURLAsync(new Regex(@"/retros/\d+$"));
            var url = new Uri(lead.Url).AbsolutePath;
            foreach (var page in pages.Skip(1)) await page.GotoAsync(url);
            await lead.GetByRole(AriaRole.Button, new() { Name = "Move on to the next step" }).ClickAsync();
            await Expect(lead.Locator(".sa-retro-phases li.active")).ToHaveTextAsync("Reflect");

            // The others were on the review step: the poll sees the new phase and reloads their page.
            foreach (var page in pages.Skip(1)) await Expect(page.Locator(".sa-retro-phases li.active")).ToHaveTextAsync("Reflect");

            string[] prompts = ["start", "stop", "continue", "start"];
            for (var i = 0; i < pages.Count; i++)
            {
                await pages[i].Locator($"#new-card-{prompts[i]}").FillAsync($"Card of person {i}");
                await pages[i].Locator($"[data-add-card='{prompts[i]}'] button").ClickAsync();
                await Expect(pages[i].Locator("[data-card] textarea").First).ToHaveValueAsync($"Card of person {i}");
                // The lead's page stays as it is from here on: the others' cards reach it as counts, without a reload.
                if (i == 0) await lead.EvaluateAsync("() => window.saMarker = 7");
            }
            // Each sees only their own card; the counts reach everyone without a reload.
            for (var i = 0; i < pages.Count; i++)
            {
                await Expect(pages[i].Locator("[data-card]")).ToHaveCountAsync(1);
                await Expect(pages[i].Locator("[data-live-writers]")).ToHaveAttributeAsync("data-live-writers", "4");
                foreach (var other in Enumerable.Range(0, pages.Count).Where(o => o != i))
                    await Expect(pages[i].GetByText($"Card of person {other}")).ToHaveCountAsync(0);
            }
            Assert.Equal(7, await lead.EvaluateAsync<int>("() => window.saMarker"));
            await Chromium.ScreenshotAsync(pages[1], "retro-reflect.png");

            // Group: every card shows up for everyone.
            await lead.GetByRole(AriaRole.Button, new() { Name = "Move on to the next step" }).ClickAsync();
            foreach (var page in pages)
            {
                await Expect(page.Locator(".sa-retro-phases li.active")).ToHaveTextAsync("Group");
                await Expect(page.Locator("[data-retro-board] [data-card]")).ToHaveCountAsync(4);
            }
            await lead.Locator("#group-name").FillAsync("Handovers");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
            await Expect(lead.Locator(".sa-retro-drop h2", new() { HasText = "Handovers" })).ToBeVisibleAsync();
            await lead.Locator("#group-name").FillAsync("Customer meetings");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
            var handovers = lead.Locator(".sa-retro-drop", new() { Has = lead.Locator("h2", new() { HasText = "Handovers" }) });
            var meetings = lead.Locator(".sa-retro-drop", new() { Has = lead.Locator("h2", new() { HasText = "Customer meetings" }) });
            await Expect(meetings).ToBeVisibleAsync();
            // Drag and drop…
            await lead.Locator("[data-card]", new() { HasText = "Card of person 0" }).DragToAsync(handovers, new() { SourcePosition = new() { X = 8, Y = 8 } });
            await Expect(handovers.Locator("[data-card]", new() { HasText = "Card of person 0" })).ToBeVisibleAsync();
            await Expect(handovers.Locator("[data-card]", new() { HasText = "Card of person 0" })).Not.ToHaveAttributeAsync("aria-busy", "true");
            await lead.Locator("[data-card]", new() { HasText = "Card of person 1" }).DragToAsync(handovers, new() { SourcePosition = new() { X = 8, Y = 8 } });
            await Expect(handovers.Locator("[data-card]", new() { HasText = "Card of person 1" })).ToBeVisibleAsync();
            await Expect(handovers.Locator("[data-card]", new() { HasText = "Card of person 1" })).Not.ToHaveAttributeAsync("aria-busy", "true");
            // …and the keyboard way: a select and the Move button.
            foreach (var n in new[] { 2, 3 })
            {
                var card = lead.Locator("[data-card]", new() { HasText = $"Card of person {n}" });
                await card.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Customer meetings" });
                await card.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
                await Expect(meetings.Locator("[data-card]", new() { HasText = $"Card of person {n}" })).ToBeVisibleAsync();
            }
            await Expect(handovers.Locator("[data-card]")).ToHaveCountAsync(2);
            await Expect(lead.Locator("[data-live-groups]")).ToHaveAttributeAsync("data-live-groups", "2");
            // The moves are stored, not only shown: after a reload the board is the same.
            await lead.ReloadAsync();
            await Expect(handovers.Locator("[data-card]")).ToHaveCountAsync(2);
            await Expect(meetings.Locator("[data-card]")).ToHaveCountAsync(2);
            await Expect(handovers.Locator("[data-card]", new() { HasText = "Card of person 1" }).Locator("select")).ToHaveValueAsync(new Regex(@"^[1-9]\d*$"));

            // Vote: three votes each, at most two on one group.
            await lead.GetByRole(AriaRole.Button, new() { Name = "Move on to the next step" }).ClickAsync();
            foreach (var page in pages) await Expect(page.Locator("[data-votes-left]")).ToHaveAttributeAsync("data-votes-left", "3");
            for (var i = 0; i < pages.Count; i++)
            {
                var page = pages[i];
                await page.GetByRole(AriaRole.Button, new() { Name = "Vote for Handovers" }).ClickAsync();
                await Expect(page.Locator("[data-votes-left]")).ToHaveAttributeAsync("data-votes-left", "2");
                if (i % 2 == 0)
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Vote for Customer meetings" }).ClickAsync();
                    await Expect(page.Locator("[data-votes-left]")).ToHaveAttributeAsync("data-votes-left", "1");
                }
            }
            await Expect(lead.Locator("[data-live-votes]")).ToHaveAttributeAsync("data-live-votes", "6");
            await Expect(pages[3].Locator("[data-live-votes]")).ToHaveAttributeAsync("data-live-votes", "6");
            await Chromium.ScreenshotAsync(pages[2], "retro-vote.png");

            // Discuss shows the groups in vote order; then an action for a team member, linked to a playbook stage.
            await lead.GetByRole(AriaRole.Button, new() { Name = "Move on to the next step" }).ClickAsync();
            await Expect(lead.Locator("[data-group-votes]").First).ToHaveAttributeAsync("data-group-votes", "4");
            await lead.Locator("textarea[name='Notes']").First.FillAsync("Delivery hears of the deal only at signing.");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Save notes" }).First.ClickAsync();
            await Expect(lead.Locator("textarea[name='Notes']").First).ToHaveValueAsync("Delivery hears of the deal only at signing.");
            await lead.GetByRole(AriaRole.Button, new() { Name = "Move on to the next step" }).ClickAsync();
            await lead.Locator("#action-text").FillAsync("Invite delivery to the first customer call of every deal");
            await lead.Locator("#action-owner").SelectOptionAsync(team.Members[1].Id);
            await lead.Locator("#action-due").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"));
            await lead.Locator("#action-link").SelectOptionAsync("playbook-collaborative-sales-process#discover");
            await lead.Locator("#action-focus").CheckAsync();
            await lead.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
            await Expect(lead.Locator("[data-action] [data-focus]")).ToBeVisibleAsync();
            await Expect(lead.Locator("[data-action-link]")).ToContainTextAsync("› 商机发现");
            await Chromium.ScreenshotAsync(lead, "retro-actions.png");

            var all = problems.SelectMany(p => p).ToList();
            Assert.True(all.Count == 0, string.Join("\n", all));
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }
}
