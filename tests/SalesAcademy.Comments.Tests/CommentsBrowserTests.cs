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
public sealed class CommentsBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>, IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium not found at {executable} (set PLAYWRIGHT_CHROMIUM_EXECUTABLE, or run ./test.sh which installs it).");
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

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
            await ScreenshotAsync(page, "comments-section.png");

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
            await ownerPage.WaitForURLAsync("**/notifications");
            var notification = ownerPage.Locator("ol.sa-notifications li");
            await Expect(notification).ToHaveAttributeAsync("data-state", "unread");
            await Expect(notification.Locator(".sa-notification-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Rita Rep 评论了“Browser case .+”。$"));
            await ScreenshotAsync(ownerPage, "notifications-zh.png");

            await notification.Locator(".sa-notification-text").ClickAsync();
            await ownerPage.WaitForURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(url) + "#comment-\\d+$"));
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
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.Factory.ServerAddress.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} ({r.Failure})");
        page.Response += (_, r) => { if (r.Status >= 400) problems.Add($"HTTP {r.Status}: {r.Url}"); };
        page.PageError += (_, e) => problems.Add($"script error: {e}");
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal)) problems.Add($"console error: {m.Text} (at {m.Location})");
        };
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Email']").FillAsync(email);
        await page.Locator("input[name='Password']").FillAsync(TestUsers.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
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
        item.Apply(new CaseStudyPart { Company = "Test Co", Industry = "ICT", DealSize = "large", Outcome = "won", Roles = ["AccountManager"] });
        await manager.CreateAsync(item, "tests", publish: true);
        return "/cases/browser-" + suffix;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestPaths.Artifacts, name);
        File.Delete(path);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10 * 1024, $"{path} is too small to show the page");
    }
}
