using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Helpful;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Improvement.Tests;

/// <summary>
/// In Debian's Chromium: a reader answers "was this helpful?" on a playbook (htmx swaps the panel; the answer survives a
/// reload and can be changed), and a trainer works the queue (evidence shown, a dismissal with its reason). Screenshot:
/// improvement-queue.png in the test artifacts (copied to docs/images/improvement/).
/// </summary>
public sealed class ImprovementBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    private readonly ImprovementWorld world = new(portal.Factory);

    [Fact]
    public async Task A_reader_answers_was_this_helpful_in_place_and_can_change_the_answer()
    {
        var playbook = await world.PlaybookAsync("owner-" + Guid.NewGuid().ToString("N")[..6] + "@salesacademy.test");
        var reader = await world.People.NewAsync(PortalRoles.Rep);
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        try
        {
            await Testing.Chromium.SignInAsync(page, reader.Email, ApiPeople.Password);
            await page.GotoAsync($"/playbooks/{playbook.Slug}");
            var panel = page.Locator("#helpful");
            await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Was this helpful?" })).ToBeVisibleAsync();
            await panel.GetByLabel("Why? (optional)").FillAsync("The design stage does not say who writes the proposal");
            await panel.GetByRole(AriaRole.Button, new() { Name = "No" }).ClickAsync();
            // Swapped in place: the answer and the thanks, the reason kept in the box.
            await Expect(page.Locator("#helpful [role='status']")).ToContainTextAsync("You answered: no.");
            await Expect(page.Locator("#helpful [role='status']")).ToContainTextAsync("Thank you!");
            await Expect(page).ToHaveURLAsync(new Regex($"/playbooks/{playbook.Slug}$"));
            await Expect(page.Locator("#helpful-reason")).ToHaveValueAsync("The design stage does not say who writes the proposal");

            await page.ReloadAsync();
            await Expect(page.Locator("#helpful [role='status']")).ToContainTextAsync("You answered: no.");
            await page.Locator("#helpful").GetByRole(AriaRole.Button, new() { Name = "Yes, it helped" }).ClickAsync();
            await Expect(page.Locator("#helpful [role='status']")).ToContainTextAsync("You answered: yes.");
            await Expect(page.Locator("#helpful").GetByRole(AriaRole.Button, new() { Name = "Yes, it helped" })).ToHaveAttributeAsync("aria-pressed", "true");
            var answers = await world.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Data.ImprovementDbContext>().HelpfulAnswers
                .Where(a => a.ContentItemId == playbook.Id).ToList()));
            var answer = Assert.Single(answers);
            Assert.True(answer.Helpful);
            Assert.True(problems.Count == 0, "Problems on the playbook page:\n" + string.Join("\n", problems));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_trainer_sees_the_queue_with_its_evidence_and_dismisses_an_item_with_a_reason()
    {
        var owner = await world.People.NewAsync(PortalRoles.TeamLead);
        var playbook = await world.PlaybookAsync(owner.Email);
        string[] reasons = ["Too abstract: no example of a handover", "The design stage does not say who writes the proposal", ""];
        foreach (var reason in reasons)
        {
            var reader = await world.People.NewAsync(PortalRoles.Rep);
            var result = await world.InScopeAsync(sp => sp.GetRequiredService<HelpfulAnswers>()
                .AnswerAsync(ImprovementWorld.Principal(reader), playbook.Id, helpful: false, reason));
            Assert.Equal(HelpfulOutcome.Saved, result.Outcome);
        }
        var marker = Guid.NewGuid().ToString("N")[..6];
        var log = portal.Factory.Services.GetRequiredService<Search.Services.SearchLog>();
        for (var i = 0; i < 4; i++) log.Record($"renewal pricing {marker}", 0, "en", null, "page");
        await world.RefreshAsync();
        var searchItem = await world.ItemAsync($"search.nothing:renewal pricing {marker}");

        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        try
        {
            await Testing.Chromium.SignInAsync(page, trainer.Email, ApiPeople.Password);
            await page.GotoAsync("/improvement");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Improvement queue", Level = 1 })).ToBeVisibleAsync();
            var unhelpful = page.Locator($"[data-key^='helpful.no:{playbook.Id}:']");
            await Expect(unhelpful).ToContainTextAsync("Content rated unhelpful");
            await Expect(unhelpful).ToContainTextAsync("3 of 3 readers found this version unhelpful (100%)");
            await Expect(unhelpful).ToContainTextAsync("A reader: “Too abstract: no example of a handover”");
            await Expect(unhelpful.GetByRole(AriaRole.Link, new() { Name = "Open the editor" })).ToHaveAttributeAsync("href", $"/studio/edit/{playbook.Id}");
            var search = page.Locator($"#item-{searchItem.Id}");
            await Expect(search).ToContainTextAsync("Searched 4 times without a result");
            await Expect(search).ToContainTextAsync("every trainer");
            await search.ScrollIntoViewIfNeededAsync();
            await unhelpful.ScrollIntoViewIfNeededAsync();
            await Testing.Chromium.ScreenshotAsync(page, "improvement-queue.png");

            // Dismiss the search item with a reason: it leaves the open list and shows under "Dismissed" with the reason.
            await search.Locator("summary", new() { HasText = "Dismiss" }).ClickAsync();
            await search.GetByLabel("Why is it dismissed?").FillAsync("We do not sell renewals on price");
            await search.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The item is dismissed.");
            await Expect(page.Locator($"#item-{searchItem.Id}")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = "Dismissed" }).ClickAsync();
            await Expect(page.Locator($"#item-{searchItem.Id}")).ToContainTextAsync("Dismissed: We do not sell renewals on price");
            Assert.True(problems.Count == 0, "Problems on the queue:\n" + string.Join("\n", problems));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
