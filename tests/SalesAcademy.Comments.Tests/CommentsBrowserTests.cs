using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Comments.Tests;

/// <summary>
/// A real browser (Debian's Chromium, driven by Playwright): the comment forms update the section in place with htmx
/// (no page load), the header's unread count arrives after the page, and following a notification leads to the comment.
/// </summary>
public sealed class CommentsBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_rep_comments_in_place_and_the_owner_follows_the_notification_to_it()
    {
        var owner = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "欧阳 Owner");
        var rep = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Rita Rep");
        var url = await NewItemAsync(owner);

        var (repContext, page, problems) = await SignedInPageAsync(rep, "en");
        await using (repContext)
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("#comments-heading")).ToContainTextAsync("Comments");
            // A marker on the window survives only if the page is never reloaded.
            await page.EvaluateAsync("() => window.saMarker = 42");

            await page.Locator("#comment-text").FillAsync("Which **stage** did the delivery manager join?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            var comment = page.Locator("#comments li.sa-comment");
            await Expect(comment).ToHaveCountAsync(1);
            await Expect(comment.Locator(".sa-comment-body strong")).ToHaveTextAsync("stage");
            await Expect(comment.Locator(".sa-comment-author")).ToHaveTextAsync("Rita Rep");
            await Expect(page.Locator("#comment-text")).ToHaveValueAsync("");

            // Too long: the message appears at the form, the text stays.
            var tooLong = new string('x', 4001);
            await page.Locator("#comment-text").FillAsync(tooLong);
            await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            await Expect(page.Locator("#comments .invalid-feedback")).ToHaveTextAsync("A comment can be at most 4000 characters long; this one has 4001.");
            await Expect(page.Locator("#comment-text")).ToHaveValueAsync(tooLong);
            await Expect(comment).ToHaveCountAsync(1);

            // Edit in place.
            await comment.Locator("summary", new() { HasText = "Edit" }).ClickAsync();
            await comment.Locator("textarea").FillAsync("Which stage did the **delivery manager** join?");
            await comment.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("#comments .sa-comment-body strong")).ToHaveTextAsync("delivery manager");
            await Expect(page.Locator("#comments .sa-comment-edited")).ToHaveTextAsync("(edited)");
            await Chromium.ScreenshotAsync(page, "comments-section.png");

            Assert.Equal(42, await page.EvaluateAsync<int>("() => window.saMarker"));
            Assert.EndsWith(url, page.Url);
            Assert.True(problems.Count == 0, "Problems while commenting:\n" + string.Join("\n", problems));
        }

        // The owner, reading Chinese: the count arrives in the header, the notification leads to the comment.
        var (ownerContext, ownerPage, ownerProblems) = await SignedInPageAsync(owner, "zh-CN");
        await using (ownerContext)
        {
            await ownerPage.GotoAsync("/cases");
            var badge = ownerPage.Locator("header a[href='/notifications'][data-unread]");
            await Expect(badge).ToHaveAttributeAsync("data-unread", "1");
            await Expect(badge).ToContainTextAsync("通知");
            await badge.ClickAsync();
            await Expect(ownerPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notifications$"));
            var notification = ownerPage.Locator("ol.sa-notifications li");
            await Expect(notification).ToHaveAttributeAsync("data-state", "unread");
            await Expect(notification.Locator(".sa-notification-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Rita Rep 评论了“Browser case .+”。$"));
            await Chromium.ScreenshotAsync(ownerPage, "notifications-zh.png");

            await notification.Locator(".sa-notification-text").ClickAsync();
            // Web-first: the address and then the comment itself, not the page's load event (which a busy machine delays).
            await Expect(ownerPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(url) + "#comment-\\d+$"));
            await Expect(ownerPage.Locator("#comments .sa-comment-body strong")).ToHaveTextAsync("delivery manager");
            await Expect(ownerPage.Locator("header a[href='/notifications'][data-unread]")).ToHaveAttributeAsync("data-unread", "0");
            Assert.True(ownerProblems.Count == 0, "Problems while following the notification:\n" + string.Join("\n", ownerProblems));
        }

        // Back as the rep: delete (htmx asks for confirmation first).
        var (again, repPage, _) = await SignedInPageAsync(rep, "en");
        await using (again)
        {
            await repPage.GotoAsync(url);
            repPage.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await repPage.Locator("#comments li.sa-comment").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(repPage.Locator("#comments li.sa-comment")).ToHaveCountAsync(0);
            await Expect(repPage.Locator("#comments")).ToContainTextAsync("No comments yet.");
        }
    }

    private async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> SignedInPageAsync(string email, string locale)
    {
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
        await Chromium.SignInAsync(page, email);
        return (context, page, problems);
    }

    private async Task<string> NewItemAsync(string owner)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New("CaseStudy", "case-browser-" + suffix);
        item.Culture = "en";
        item.Apply(new TitlePart { Title = "Browser case " + suffix, Summary = "A case to comment on." });
        item.Apply(new RoutePart { Slug = "browser-" + suffix });
        item.Apply(new MarkdownBodyPart { Markdown = "The team won together." });
        item.Apply(new TagsPart { Tags = ["iron-triangle"] });
        item.Apply(new OwnershipPart { Owner = owner });
        item.Apply(new CaseStudyPart { Company = "Test Co", Industry = "ict", DealSize = "large", Outcome = "won", Roles = ["AccountManager"] });
        await manager.CreateAsync(item, "tests", publish: true);
        return "/cases/browser-" + suffix;
    }

}
