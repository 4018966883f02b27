using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Comments.Pages.Comments;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Notifications.Tests;

/// <summary>
/// /notifications and the header's unread count: each user sees only their own notifications, translated when shown,
/// marks them read by following them (or all at once), and never reaches another user's.
/// </summary>
public abstract class NotificationsTests(PortalFixture portal)
{
    /// <summary>A real template with its zh-CN translation (the Comments module's): "{0} commented on “{1}”."</summary>
    private const string Commented = IndexModel.CommentedTemplate;

    private PortalFactory Factory => portal.Factory;

    private Task<string> NewUserAsync() => TestUsers.CreateAsync(Factory, PortalRoles.Rep);

    private Task<Browser> SignedInAsync(string email, string language = "en") => TestUsers.SignedInAsync(Factory, email, language: language);

    private async Task NotifyAsync(string recipient, string[] args, string? url, string template = Commented)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUserNotifications>().NotifyAsync(recipient, template, args, url);
    }

    [Fact]
    public async Task A_user_sees_their_notifications_newest_first_in_their_own_language()
    {
        var user = await NewUserAsync();
        await NotifyAsync(user, ["Rita Rep", "Winning the bank"], "/cases/huawei-iron-triangle#comment-1");
        await NotifyAsync(user.ToUpperInvariant(), ["李娜", "华为铁三角"], "/cases/huawei-iron-triangle#comment-2"); // user names match case-insensitively

        // Stored as template + arguments, not as text in one language.
        var stored = await NotificationsOfAsync(user);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, n => Assert.Equal(Commented, n.Template));
        Assert.Equal("[\"李娜\",\"华为铁三角\"]", stored[1].Arguments);

        using (var english = await SignedInAsync(user))
        {
            var page = await PageAsync(english, "/notifications");
            var items = page.QuerySelectorAll("ol.sa-notifications > li");
            Assert.Equal(2, items.Length);
            Assert.Equal(new[] { $"notification-{stored[1].Id}", $"notification-{stored[0].Id}" }, items.Select(i => i.Id));
            Assert.Equal("李娜 commented on “华为铁三角”.", items[0].QuerySelector(".sa-notification-text")?.TextContent);
            Assert.Equal("Rita Rep commented on “Winning the bank”.", items[1].QuerySelector(".sa-notification-text")?.TextContent);
            Assert.All(items, i => Assert.Equal("unread", i.GetAttribute("data-state")));
            Assert.All(items, i => Assert.Equal("New", i.QuerySelector(".badge")?.TextContent));
            Assert.Equal("2 unread", page.QuerySelector("[data-unread]")?.TextContent);
        }
        using (var chinese = await SignedInAsync(user, "zh-CN"))
        {
            var page = await PageAsync(chinese, "/notifications");
            Assert.Equal("通知", page.QuerySelector("main h1")?.TextContent);
            var texts = page.QuerySelectorAll("ol.sa-notifications > li .sa-notification-text").Select(b => b.TextContent).ToList();
            Assert.Equal(new[] { "李娜 评论了“华为铁三角”。", "Rita Rep 评论了“Winning the bank”。" }, texts);
            Assert.Equal("2 条未读", page.QuerySelector("[data-unread]")?.TextContent);
            Assert.Equal("全部标为已读", page.QuerySelector("form[action='/notifications?handler=ReadAll'] button")?.TextContent);
        }
    }

    [Fact]
    public async Task Following_a_notification_marks_it_read_and_leads_where_it_points()
    {
        var user = await NewUserAsync();
        await NotifyAsync(user, ["Rita Rep", "Case"], "/cases/huawei-iron-triangle#comment-7");
        await NotifyAsync(user, ["Rita Rep", "No link"], null);
        var (linked, plain) = (await NotificationsOfAsync(user)) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        using var browser = await SignedInAsync(user);
        Assert.Equal("2", await BadgeCountAsync(browser));

        var page = await PageAsync(browser, "/notifications");
        var open = page.QuerySelector($"#notification-{linked.Id} form[action*='handler=Open']")?.GetAttribute("action");
        Assert.NotNull(open);
        Assert.Contains($"id={linked.Id}", open);
        Assert.Null(page.QuerySelector($"#notification-{plain.Id} form[action*='handler=Open']")); // nothing to open: plain text

        var followed = await browser.SubmitToAsync("/notifications", open, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("/cases/huawei-iron-triangle#comment-7", followed.Headers.Location?.OriginalString);
        Assert.NotNull((await NotificationsOfAsync(user)).Single(n => n.Id == linked.Id).ReadUtc);
        Assert.Null((await NotificationsOfAsync(user)).Single(n => n.Id == plain.Id).ReadUtc);

        page = await PageAsync(browser, "/notifications");
        Assert.Equal("read", page.QuerySelector($"#notification-{linked.Id}")?.GetAttribute("data-state"));
        Assert.Null(page.QuerySelector($"#notification-{linked.Id} .badge"));
        Assert.Equal("unread", page.QuerySelector($"#notification-{plain.Id}")?.GetAttribute("data-state"));
        Assert.Equal("1", await BadgeCountAsync(browser));

        // Following it again still leads there (and changes nothing).
        var again = await browser.SubmitToAsync("/notifications", open, new Dictionary<string, string>());
        Assert.Equal("/cases/huawei-iron-triangle#comment-7", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task One_or_all_notifications_are_marked_read()
    {
        var user = await NewUserAsync();
        for (var i = 0; i < 3; i++) await NotifyAsync(user, [$"Person {i}", "Case"], "/cases/huawei-iron-triangle");
        var first = (await NotificationsOfAsync(user))[0];
        using var browser = await SignedInAsync(user);

        var read = (await PageAsync(browser, "/notifications")).QuerySelector($"#notification-{first.Id} form[action*='handler=Read']")?.GetAttribute("action");
        Assert.NotNull(read);
        var one = await browser.SubmitToAsync("/notifications", read, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal("/notifications", one.Headers.Location?.OriginalString);
        Assert.Equal("2", await BadgeCountAsync(browser));

        var all = await browser.SubmitToAsync("/notifications", "/notifications?handler=ReadAll", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.All(await NotificationsOfAsync(user), n => Assert.NotNull(n.ReadUtc));
        Assert.Equal("0", await BadgeCountAsync(browser));
        var page = await PageAsync(browser, "/notifications");
        Assert.Null(page.QuerySelector("form[action='/notifications?handler=ReadAll']"));
        Assert.All(page.QuerySelectorAll("ol.sa-notifications > li"), i => Assert.Equal("read", i.GetAttribute("data-state")));
    }

    [Fact]
    public async Task Another_users_notification_does_not_exist_for_you()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        await NotifyAsync(owner, ["Rita Rep", "Private case"], "/cases/huawei-iron-triangle");
        var theirs = Assert.Single(await NotificationsOfAsync(owner));

        using var browser = await SignedInAsync(other);
        var page = await PageAsync(browser, "/notifications");
        Assert.Empty(page.QuerySelectorAll("ol.sa-notifications > li"));
        Assert.Equal("No notifications yet.", page.QuerySelector("main .alert")?.TextContent);
        Assert.Equal("0", await BadgeCountAsync(browser));

        foreach (var handler in new[] { "Open", "Read" })
        {
            var response = await browser.SubmitToAsync("/account/profile", $"/notifications?handler={handler}&id={theirs.Id}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitToAsync("/account/profile", "/notifications?handler=Open&id=987654321", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync("/account/profile", "/notifications?handler=ReadAll", new Dictionary<string, string>())).StatusCode);
        Assert.Null(Assert.Single(await NotificationsOfAsync(owner)).ReadUtc); // still unread for its owner
    }

    [Fact]
    public async Task The_header_count_is_loaded_apart_from_the_cached_header()
    {
        var user = await NewUserAsync();
        using var browser = await SignedInAsync(user);

        var page = await PageAsync(browser, "/cases");
        var slot = page.QuerySelector("header li[hx-get='/notifications/badge']");
        Assert.NotNull(slot);
        Assert.Contains("load", slot.GetAttribute("hx-trigger"));
        Assert.Equal("/notifications", slot.QuerySelector("a")?.GetAttribute("href")); // without JavaScript: a plain link
        Assert.Null(page.QuerySelector("header [data-unread]")); // no count inside the cached header

        var badge = await browser.GetAsync("/notifications/badge");
        Assert.Equal(HttpStatusCode.OK, badge.StatusCode);
        Assert.True(badge.Headers.CacheControl?.NoStore);
        Assert.Equal("0", Parse(await badge.Content.ReadAsStringAsync()).QuerySelector("a[data-unread]")?.GetAttribute("data-unread"));

        await NotifyAsync(user, ["Rita Rep", "Case"], "/cases/huawei-iron-triangle");
        await NotifyAsync(user, ["Rita Rep", "Case"], "/cases/huawei-iron-triangle");
        var fragment = Parse(await (await browser.GetAsync("/notifications/badge")).Content.ReadAsStringAsync());
        Assert.Equal("2", fragment.QuerySelector("a[href='/notifications']")?.GetAttribute("data-unread"));
        Assert.Equal("2 unread", fragment.QuerySelector(".badge")?.TextContent);
        // The header (cached for a minute) is unchanged and still holds no count.
        Assert.Null((await PageAsync(browser, "/cases")).QuerySelector("header [data-unread]"));

        using (var chinese = await SignedInAsync(user, "zh-CN"))
            Assert.StartsWith("通知", Parse(await (await chinese.GetAsync("/notifications/badge")).Content.ReadAsStringAsync()).QuerySelector("a")?.TextContent);

        using var anonymous = new Browser(Factory);
        Assert.Null((await PageAsync(anonymous, "/cases")).QuerySelector("header li[hx-get]"));
        var anonymousBadge = Parse(await (await anonymous.GetAsync("/notifications/badge")).Content.ReadAsStringAsync());
        Assert.Equal("0", anonymousBadge.QuerySelector("a")?.GetAttribute("data-unread"));
        var list = await anonymous.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/account/login", list.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Only_local_links_are_kept_and_arguments_are_shown_as_text()
    {
        var user = await NewUserAsync();
        foreach (var url in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "cases/x", "/cases/x\n" })
            await Assert.ThrowsAsync<ArgumentException>(() => NotifyAsync(user, ["a", "b"], url));
        Assert.Empty(await NotificationsOfAsync(user));

        await NotifyAsync(user, ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"], "/cases/huawei-iron-triangle");
        using var browser = await SignedInAsync(user);
        var response = await browser.GetAsync("/notifications");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Equal("<script>alert(1)</script> commented on “<img src=x onerror=alert(1)>”.",
            Parse(html).QuerySelector("ol.sa-notifications .sa-notification-text")?.TextContent);
    }

    [Fact]
    public async Task A_template_that_does_not_fit_its_arguments_still_shows()
    {
        var user = await NewUserAsync();
        await NotifyAsync(user, ["Only one"], null);
        using var browser = await SignedInAsync(user);
        var page = await PageAsync(browser, "/notifications");
        Assert.Equal("{0} commented on “{1}”. (Only one)", page.QuerySelector("ol.sa-notifications .sa-notification-text")?.TextContent);
    }

    [Fact]
    public async Task Many_notifications_come_in_pages_newest_first()
    {
        var user = await NewUserAsync();
        for (var i = 1; i <= 35; i++) await NotifyAsync(user, [$"Person {i}", "Case"], null);
        using var browser = await SignedInAsync(user);

        var first = await PageAsync(browser, "/notifications");
        var firstIds = Ids(first);
        Assert.Equal(30, firstIds.Count);
        Assert.Equal("Person 35 commented on “Case”.", first.QuerySelector("ol.sa-notifications .sa-notification-text")?.TextContent);
        var older = first.QuerySelector("a[href^='/notifications?before=']")?.GetAttribute("href");
        Assert.NotNull(older);

        var second = await PageAsync(browser, older);
        var secondIds = Ids(second);
        Assert.Equal(5, secondIds.Count);
        Assert.Null(second.QuerySelector("a[href^='/notifications?before=']"));
        var all = firstIds.Concat(secondIds).ToList();
        Assert.Equal(all.OrderByDescending(i => i), all);
        Assert.Equal((await NotificationsOfAsync(user)).Select(n => n.Id).OrderByDescending(i => i), all);
        Assert.Equal("35 unread", second.QuerySelector("[data-unread]")?.TextContent);

        static List<long> Ids(IHtmlDocument page) =>
            page.QuerySelectorAll("ol.sa-notifications > li").Select(li => long.Parse(li.Id!["notification-".Length..])).ToList();
    }

    [Fact]
    public async Task Changes_need_a_signed_in_user_and_the_antiforgery_token()
    {
        var user = await NewUserAsync();
        await NotifyAsync(user, ["Rita Rep", "Case"], null);
        var id = Assert.Single(await NotificationsOfAsync(user)).Id;

        using var browser = await SignedInAsync(user);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/notifications?handler=ReadAll", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/notifications?handler=Open&id={id}", new Dictionary<string, string>())).StatusCode);
        using var anonymous = new Browser(Factory);
        var response = await anonymous.PostAsync($"/notifications?handler=Read&id={id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString);
        Assert.Null(Assert.Single(await NotificationsOfAsync(user)).ReadUtc);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static async Task<IHtmlDocument> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return Parse(await response.Content.ReadAsStringAsync());
    }

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static async Task<string?> BadgeCountAsync(Browser browser) =>
        Parse(await (await browser.GetAsync("/notifications/badge")).Content.ReadAsStringAsync()).QuerySelector("a[data-unread]")?.GetAttribute("data-unread");

    private async Task<List<UserNotification>> NotificationsOfAsync(string userName)
    {
        var key = userName.ToLowerInvariant();
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Recipient == key).OrderBy(n => n.Id).ToListAsync();
    }
}

public sealed class NotificationsTests_Sqlite(SqlitePortal portal) : NotificationsTests(portal), IClassFixture<SqlitePortal>;

public sealed class NotificationsTests_Postgres(PostgresPortal portal) : NotificationsTests(portal), IClassFixture<PostgresPortal>;
