using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Portal.Tests;

/// <summary>The studio editor in a real browser: rows added and removed without a round-trip, the slug derived from the title.</summary>
public sealed class StudioEditorBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_trainer_adds_and_removes_drill_rows_in_the_browser_and_the_slug_follows_the_title_until_edited()
    {
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Rowena Trainer");
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainer);
        await page.GotoAsync("/studio/edit?type=Drill");

        // The address follows the title while nobody has typed into it…
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#f-title", $"Role play: Acme renewal {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync($"role-play-acme-renewal-{suffix}");
        await page.FillAsync("#f-title", $"Rôle play — Acme renewal, round two {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync($"role-play-acme-renewal-round-two-{suffix}");
        // …and stops once the author edits it.
        var slug = $"acme-drill-{suffix}";
        await page.FillAsync("#f-slug", slug);
        await page.FillAsync("#f-title", $"Acme renewal drill {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync(slug);

        // Rows: one empty role row from the server; "Add a role" adds rows at once, "Remove" takes one away.
        var roles = page.Locator("[data-rows='roles'] [data-row]");
        await Expect(roles).ToHaveCountAsync(1);
        await page.Locator("[data-add-row='roles']").ClickAsync();
        await page.Locator("[data-add-row='roles']").ClickAsync();
        await Expect(roles).ToHaveCountAsync(3);
        await Expect(roles.Nth(1).Locator("input[name='f.roles[1].role']")).ToBeVisibleAsync();
        await roles.Nth(0).Locator("input").FillAsync("AccountManager");
        await roles.Nth(0).Locator("textarea").FillAsync("Keeps the relationship");
        await roles.Nth(1).Locator("input").FillAsync("Rep");
        await roles.Nth(1).Locator("textarea").FillAsync("Will be removed");
        await roles.Nth(2).Locator("input").FillAsync("DeliveryManager");
        await roles.Nth(2).Locator("textarea").FillAsync("Protects the delivery date");
        await roles.Nth(1).Locator(".sa-row-remove").ClickAsync();
        await Expect(roles).ToHaveCountAsync(2);

        await page.FillAsync("#f-scenario", "The customer doubts the delivery date.");
        await page.FillAsync("#f-objectives", "Speak with one voice");
        await page.FillAsync("#f-duration", "30");
        await page.FillAsync("input[name='f.steps[0].title']", "Prepare");
        await page.FillAsync("input[name='f.steps[0].minutes']", "10");
        await page.Locator("[data-add-row='steps']").ClickAsync();
        await page.FillAsync("input[name='f.steps[1].title']", "Meet the customer");
        await page.FillAsync("input[name='f.steps[1].minutes']", "15");
        await page.FillAsync("input[name='f.rubric[0].criterion']", "One voice");
        await page.FillAsync("input[name='f.rubric[0].weight']", "100");
        await page.FillAsync("input[name='f.rubric[0].anchors.1']", "Contradictions");
        await page.FillAsync("input[name='f.rubric[0].anchors.3']", "Mostly aligned");
        await page.FillAsync("input[name='f.rubric[0].anchors.5']", "One answer");
        await page.FillAsync("#body", "Notes");
        await page.ClickAsync("button:has-text('Save draft')");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Draft saved.");
        await Chromium.ScreenshotAsync(page, "studio-drill-rows-en.png");
        Assert.True(problems.Count == 0, "Problems while editing:\n" + string.Join("\n", problems));

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var saved = (await manager.ListLatestAsync("Drill")).Single(i => i.Slug == slug);
        var drill = saved.As<DrillPart>();
        Assert.Equal(["AccountManager", "DeliveryManager"], drill.Roles.Select(r => r.Role));
        Assert.Equal(["Prepare", "Meet the customer"], drill.Steps.Select(s => s.Title));
        await manager.DeleteAsync(saved.ContentItemId, "test");
    }
}
