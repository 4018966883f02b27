using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Audit.Data;
using SalesAcademy.Audit.Models;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Comments.Data;
using SalesAcademy.Comments.Models;
using SalesAcademy.Comments.Pages.Comments;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Comments.Tests;

/// <summary>
/// Comments through the item pages and their forms, as people use them: post, edit and delete one's own,
/// moderation (audited), who is refused, the length limit, htmx answers and the owner's notification.
/// </summary>
public abstract class CommentsTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private Task<string> NewUserAsync(string? role = PortalRoles.Rep, string? displayName = null) => TestUsers.CreateAsync(Factory, role, displayName);

    private Task<Browser> SignedInAsync(string email, string language = "en") => TestUsers.SignedInAsync(Factory, email, language: language);

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task A_rep_posts_edits_and_deletes_their_own_comment()
    {
        var rep = await NewUserAsync(displayName: "Rita Rep");
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);

        var page = await PageAsync(browser, url);
        Assert.NotNull(page.QuerySelector("#comments form[action='/comments'] textarea[name='text']"));
        Assert.Equal("No comments yet.", page.QuerySelector("#comments p.text-body-secondary")?.TextContent.Trim());

        var posted = await PostCommentAsync(browser, url, id, "Great **deal** story\r\n\r\nWhat did the SR bring?");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var comment = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal($"{url}#comment-{comment.Id}", posted.Headers.Location?.OriginalString);
        Assert.Equal(rep, comment.Author);
        Assert.Equal("Rita Rep", comment.AuthorName);
        Assert.Equal("Great **deal** story\n\nWhat did the SR bring?", comment.Markdown); // CRLF stored as LF
        Assert.Equal(1, comment.Version);

        page = await PageAsync(browser, url);
        var shown = page.QuerySelector($"#comment-{comment.Id}")!;
        Assert.Equal("deal", shown.QuerySelector(".sa-comment-body strong")?.TextContent);
        Assert.Equal("Rita Rep", shown.QuerySelector(".sa-comment-author")?.TextContent);
        Assert.Equal(comment.CreatedUtc, DateTime.Parse(shown.QuerySelector("time")!.GetAttribute("datetime")!, null, System.Globalization.DateTimeStyles.RoundtripKind));
        Assert.Null(shown.QuerySelector(".sa-comment-edited"));
        Assert.NotNull(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Edit']"));
        Assert.NotNull(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Delete']"));
        Assert.Null(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Hide']")); // not a moderator
        Assert.Equal("1", page.QuerySelector("#comments-heading .badge")?.TextContent);
        using (var anonymous = new Browser(Factory))
            Assert.Equal("deal", (await PageAsync(anonymous, url)).QuerySelector($"#comment-{comment.Id} .sa-comment-body strong")?.TextContent);

        var edited = await browser.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Edit", Fields(("text", "Changed to _emphasis_")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal($"{url}#comment-{comment.Id}", edited.Headers.Location?.OriginalString);
        var after = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal(("Changed to _emphasis_", 2), (after.Markdown, after.Version));
        Assert.NotNull(after.EditedUtc);
        Assert.Equal(comment.CreatedUtc, after.CreatedUtc);

        shown = (await PageAsync(browser, url)).QuerySelector($"#comment-{comment.Id}")!;
        Assert.Equal("emphasis", shown.QuerySelector(".sa-comment-body em")?.TextContent);
        Assert.DoesNotContain("deal", shown.QuerySelector(".sa-comment-body")!.TextContent); // a new version renders anew
        Assert.Equal("(edited)", shown.QuerySelector(".sa-comment-edited")?.TextContent);

        var deleted = await browser.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Delete", Fields());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"{url}#comments", deleted.Headers.Location?.OriginalString);
        Assert.Empty(await CommentsOfAsync(id));
        page = await PageAsync(browser, url);
        Assert.Null(page.QuerySelector($"#comment-{comment.Id}"));
        Assert.Empty(await AuditAsync($"comment:{comment.Id}")); // deleting one's own comment is not moderation
    }

    [Fact]
    public async Task Another_users_comment_cannot_be_edited_deleted_or_hidden_by_a_rep()
    {
        var author = await NewUserAsync();
        var other = await NewUserAsync(PortalRoles.TeamLead);
        var (id, url) = await NewItemAsync();
        using (var browser = await SignedInAsync(author))
            Assert.Equal(HttpStatusCode.Redirect, (await PostCommentAsync(browser, url, id, "Mine")).StatusCode);
        var comment = Assert.Single(await CommentsOfAsync(id));

        using var intruder = await SignedInAsync(other);
        var shown = (await PageAsync(intruder, url)).QuerySelector($"#comment-{comment.Id}")!;
        Assert.Empty(shown.QuerySelectorAll("form"));

        foreach (var handler in new[] { "Edit", "Delete", "Hide" })
        {
            var response = await intruder.SubmitToAsync(url, $"/comments/{comment.Id}?handler={handler}", Fields(("text", "Not yours")));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.SubmitToAsync(url, "/comments/999999999?handler=Delete", Fields())).StatusCode);
        var unchanged = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal(("Mine", 1, false), (unchanged.Markdown, unchanged.Version, unchanged.Hidden));
    }

    [Fact]
    public async Task A_trainer_hides_shows_and_deletes_anyones_comment_and_each_action_is_audited()
    {
        var rep = await NewUserAsync();
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        var (id, url) = await NewItemAsync();
        using var author = await SignedInAsync(rep);
        await PostCommentAsync(author, url, id, "Off-topic remark");
        var comment = Assert.Single(await CommentsOfAsync(id));

        using var moderator = await SignedInAsync(trainer);
        var shown = (await PageAsync(moderator, url)).QuerySelector($"#comment-{comment.Id}")!;
        Assert.NotNull(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Hide']"));
        Assert.NotNull(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Delete']"));
        Assert.Null(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Edit']")); // moderators do not rewrite others' words

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Hide", Fields())).StatusCode);
        var hidden = Assert.Single(await CommentsOfAsync(id));
        Assert.True(hidden.Hidden);
        Assert.Equal(trainer, hidden.HiddenBy);
        var hideEntry = Assert.Single(await AuditAsync($"comment:{comment.Id}"));
        Assert.Equal(("comment.hide", trainer), (hideEntry.Action, hideEntry.Actor));
        Assert.Contains(id, hideEntry.Details);
        Assert.Contains(rep, hideEntry.Details);

        // Gone for readers, the author included; shown marked to the moderator.
        using (var anonymous = new Browser(Factory))
        {
            var page = await PageAsync(anonymous, url);
            Assert.Null(page.QuerySelector($"#comment-{comment.Id}"));
            Assert.Equal("0", page.QuerySelector("#comments-heading .badge")?.TextContent);
        }
        Assert.Null((await PageAsync(author, url)).QuerySelector($"#comment-{comment.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await author.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Edit", Fields(("text", "Sneaky")))).StatusCode);
        shown = (await PageAsync(moderator, url)).QuerySelector($"#comment-{comment.Id}")!;
        Assert.Equal("true", shown.GetAttribute("data-hidden"));
        Assert.Equal("Hidden from readers", shown.QuerySelector(".sa-comment-hidden")?.TextContent);
        Assert.NotNull(shown.QuerySelector($"form[action='/comments/{comment.Id}?handler=Show']"));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Show", Fields())).StatusCode);
        Assert.False(Assert.Single(await CommentsOfAsync(id)).Hidden);
        Assert.NotNull((await PageAsync(author, url)).QuerySelector($"#comment-{comment.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Delete", Fields())).StatusCode);
        Assert.Empty(await CommentsOfAsync(id));
        var entries = await AuditAsync($"comment:{comment.Id}");
        Assert.Equal(new[] { "comment.hide", "comment.show", "comment.delete" }, entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(trainer, e.Actor));
        Assert.Contains("Off-topic remark", entries[^1].Details); // what was deleted stays on record
    }

    [Fact]
    public async Task Anonymous_visitors_and_users_without_comments_post_cannot_post()
    {
        var (id, url) = await NewItemAsync();

        using (var anonymous = new Browser(Factory))
        {
            var page = await PageAsync(anonymous, url);
            Assert.Null(page.QuerySelector("#comments form"));
            var signIn = page.QuerySelector("#comments a[href^='/account/login']");
            Assert.Equal("Sign in to comment.", signIn?.TextContent);
            Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(url), signIn?.GetAttribute("href"));
            var response = await anonymous.PostAsync("/comments", Fields(("contentItemId", id), ("text", "Anonymous words")));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
        }

        // Signed in, but in no role: comments.post is not theirs.
        var roleless = await NewUserAsync(role: null);
        using (var browser = await SignedInAsync(roleless))
        {
            var page = await PageAsync(browser, url);
            Assert.NotNull(page.QuerySelector("#comments"));
            Assert.Null(page.QuerySelector("#comments form"));
            Assert.Null(page.QuerySelector("#comments a[href^='/account/login']"));
            var token = await browser.AntiforgeryTokenAsync("/account/profile");
            var response = await browser.PostAsync("/comments", Fields(("contentItemId", id), ("text", "No permission"), ("__RequestVerificationToken", token)));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Empty(await CommentsOfAsync(id));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var rep = await NewUserAsync();
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/comments", Fields(("contentItemId", id), ("text", "Forged")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/comments", Fields(("contentItemId", id), ("text", "Forged")), htmx: true)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/comments", Fields(("contentItemId", id), ("text", "Forged"), ("__RequestVerificationToken", "not-a-token")))).StatusCode);
        Assert.Empty(await CommentsOfAsync(id));

        await PostCommentAsync(browser, url, id, "Real");
        var comment = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/comments/{comment.Id}?handler=Edit", Fields(("text", "Forged edit")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/comments/{comment.Id}?handler=Delete", Fields())).StatusCode);
        Assert.Equal("Real", Assert.Single(await CommentsOfAsync(id)).Markdown);
    }

    [Fact]
    public async Task Comments_exist_only_on_published_items()
    {
        var rep = await NewUserAsync();
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);
        var token = await browser.AntiforgeryTokenAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/comments", Fields(("contentItemId", "no-such-item"), ("text", "Hello"), ("__RequestVerificationToken", token)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/comments", Fields(("text", "No item"), ("__RequestVerificationToken", token)))).StatusCode);

        await PostCommentAsync(browser, url, id, "Before it was taken down");
        var comment = Assert.Single(await CommentsOfAsync(id));
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ContentManager>().UnpublishAsync(id, "tests"));

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/comments", Fields(("contentItemId", id), ("text", "After"), ("__RequestVerificationToken", token)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"/comments/{comment.Id}?handler=Edit", Fields(("text", "After"), ("__RequestVerificationToken", token)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"/comments/{comment.Id}?handler=Delete", Fields(("__RequestVerificationToken", token)))).StatusCode);
        Assert.Equal("Before it was taken down", Assert.Single(await CommentsOfAsync(id)).Markdown);
    }

    [Fact]
    public async Task Too_long_or_empty_comments_are_refused_with_a_clear_message_and_the_text_kept()
    {
        var rep = await NewUserAsync();
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);

        var tooLong = new string('x', 4001);
        var refused = await PostCommentAsync(browser, url, id, tooLong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("A comment can be at most 4000 characters long; this one has 4001.", page.QuerySelector("#comments .invalid-feedback")?.TextContent);
        Assert.Equal(tooLong, page.QuerySelector("#comment-text")?.TextContent);
        Assert.Equal(url, page.QuerySelector("main h1 a")?.GetAttribute("href")); // the way back to the item

        var empty = await PostCommentAsync(browser, url, id, " \r\n ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("Write something before posting.", Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("#comments .invalid-feedback")?.TextContent);

        // With htmx the section comes back (200, so htmx swaps it) with the message at the form.
        var inPlace = await PostCommentAsync(browser, url, id, tooLong, htmx: true);
        Assert.Equal(HttpStatusCode.OK, inPlace.StatusCode);
        var fragment = await inPlace.Content.ReadAsStringAsync();
        Assert.StartsWith("<section id=\"comments\"", fragment.TrimStart());
        Assert.Contains("this one has 4001.", fragment);

        using (var chinese = await SignedInAsync(rep, "zh-CN"))
        {
            var message = Parse(await (await PostCommentAsync(chinese, url, id, tooLong)).Content.ReadAsStringAsync());
            Assert.Equal("评论最多 4000 个字符，这条有 4001 个。", message.QuerySelector("#comments .invalid-feedback")?.TextContent);
        }
        Assert.Empty(await CommentsOfAsync(id));

        // The limit counts a line break as one character, however the browser sends it.
        var longest = new string('x', 1999) + "\r\n" + new string('y', 2000);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCommentAsync(browser, url, id, longest)).StatusCode);
        var comment = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal(4000, comment.Markdown.Length);

        var editRefused = await browser.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Edit", Fields(("text", tooLong)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, editRefused.StatusCode);
        var editForm = Parse(await editRefused.Content.ReadAsStringAsync()).QuerySelector($"#comment-{comment.Id} details")!;
        Assert.True(editForm.HasAttribute("open"));
        Assert.Equal(tooLong, editForm.QuerySelector("textarea")?.TextContent);
        Assert.Contains("this one has 4001.", editForm.QuerySelector(".invalid-feedback")?.TextContent);
        Assert.Equal(1, Assert.Single(await CommentsOfAsync(id)).Version);
    }

    [Fact]
    public async Task Markdown_keeps_its_meaning_blank_lines_around_it_do_not_count()
    {
        var rep = await NewUserAsync();
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);
        await PostCommentAsync(browser, url, id, "\r\n\r\n    var deal = Close();\r\n\r\n- [ ] follow up\r\n\r\n| Role | Owner |\r\n|---|---|\r\n| SR | Li |\r\n\r\n");
        var comment = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal("    var deal = Close();\n\n- [ ] follow up\n\n| Role | Owner |\n|---|---|\n| SR | Li |", comment.Markdown);
        var body = (await PageAsync(browser, url)).QuerySelector($"#comment-{comment.Id} .sa-comment-body")!;
        Assert.Equal("var deal = Close();", body.QuerySelector("pre code")?.TextContent.Trim());
        Assert.NotNull(body.QuerySelector("input[type='checkbox'][disabled]"));
        Assert.Equal("SR", body.QuerySelector("table tbody td")?.TextContent);
    }

    [Fact]
    public async Task A_change_based_on_an_older_version_is_refused_not_lost()
    {
        var rep = await NewUserAsync();
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);
        await PostCommentAsync(browser, url, id, "First");
        var stale = Assert.Single(await CommentsOfAsync(id));
        await browser.SubmitToAsync(url, $"/comments/{stale.Id}?handler=Edit", Fields(("text", "Second")));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var threads = scope.ServiceProvider.GetRequiredService<Services.CommentThreads>();
            Assert.False(await threads.EditAsync(stale, "Someone", "Overwrites the second version"));
            Assert.False(await threads.SetHiddenAsync(stale, hidden: true, "moderator@salesacademy.test"));
        }
        var current = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal(("Second", 2, false), (current.Markdown, current.Version, current.Hidden));
    }

    [Fact]
    public async Task Htmx_requests_get_the_comments_section_back_in_place()
    {
        var rep = await NewUserAsync(displayName: "Hana Htmx");
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep);

        // The forms carry htmx attributes that target the section they are in.
        var form = (await PageAsync(browser, url)).QuerySelector("#comments form[action='/comments']")!;
        Assert.Equal(("/comments", "#comments", "outerHTML"), (form.GetAttribute("hx-post"), form.GetAttribute("hx-target"), form.GetAttribute("hx-swap")));

        var posted = await PostCommentAsync(browser, url, id, "In *place*", htmx: true);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html);
        var section = Parse(html).QuerySelector("section#comments")!;
        var comment = Assert.Single(await CommentsOfAsync(id));
        Assert.Equal("place", section.QuerySelector($"#comment-{comment.Id} .sa-comment-body em")?.TextContent);
        Assert.Equal("", section.QuerySelector("#comment-text")?.TextContent); // the form is empty again

        var edited = await browser.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Edit", Fields(("text", "Edited in place")), htmx: true);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("(edited)", Parse(await edited.Content.ReadAsStringAsync()).QuerySelector($"#comment-{comment.Id} .sa-comment-edited")?.TextContent);

        var deleted = await browser.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Delete", Fields(), htmx: true);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = Parse(await deleted.Content.ReadAsStringAsync());
        Assert.NotNull(after.QuerySelector("section#comments"));
        Assert.Null(after.QuerySelector($"#comment-{comment.Id}"));
        Assert.Empty(await CommentsOfAsync(id));
    }

    [Fact]
    public async Task The_items_owner_is_told_of_a_comment_but_not_of_their_own()
    {
        var owner = await NewUserAsync(PortalRoles.Trainer, "Olivia Owner");
        var rep = await NewUserAsync(displayName: "Rita Rep");
        var title = "Owned case " + Guid.NewGuid().ToString("N")[..6];
        var (id, url) = await NewItemAsync(owner: owner.ToUpperInvariant(), title: title); // owners are matched case-insensitively

        using (var browser = await SignedInAsync(rep))
            Assert.Equal(HttpStatusCode.Redirect, (await PostCommentAsync(browser, url, id, "Question for the owner")).StatusCode);
        var comment = Assert.Single(await CommentsOfAsync(id));
        var notification = Assert.Single(await NotificationsOfAsync(owner));
        Assert.Equal(IndexModel.CommentedTemplate, notification.Template);
        Assert.Equal(new[] { "Rita Rep", title }, JsonSerializer.Deserialize<string[]>(notification.Arguments));
        Assert.Equal($"{url}#comment-{comment.Id}", notification.Url);
        Assert.Null(notification.ReadUtc);
        Assert.Empty(await NotificationsOfAsync(rep));

        using (var self = await SignedInAsync(owner))
            Assert.Equal(HttpStatusCode.Redirect, (await PostCommentAsync(self, url, id, "Answering my own item")).StatusCode);
        Assert.Equal(2, (await CommentsOfAsync(id)).Count);
        Assert.Single(await NotificationsOfAsync(owner));

        // An owner who is no user of the portal (e.g. an imported name) is simply not told.
        var (orphanId, orphanUrl) = await NewItemAsync(owner: "former.colleague@elsewhere.test");
        using (var browser = await SignedInAsync(rep))
            Assert.Equal(HttpStatusCode.Redirect, (await PostCommentAsync(browser, orphanUrl, orphanId, "Anyone there?")).StatusCode);
        Assert.Single(await CommentsOfAsync(orphanId));
        Assert.Empty(await NotificationsOfAsync("former.colleague@elsewhere.test"));
    }

    [Fact]
    public async Task Hostile_markdown_and_names_in_comments_are_inert_on_the_rendered_item_page()
    {
        const string hostileName = "<img src=x onerror=alert(1)>Eve\"'";
        var attacker = await NewUserAsync(displayName: hostileName);
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(attacker);
        var token = await browser.AntiforgeryTokenAsync(url);
        foreach (var payload in XssPayloads.Markdown)
        {
            var response = await browser.PostAsync("/comments", Fields(("contentItemId", id), ("text", payload), ("__RequestVerificationToken", token)));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{payload}: {(int)response.StatusCode}");
        }
        Assert.Equal(XssPayloads.Markdown.Count, (await CommentsOfAsync(id)).Count);

        using var moderator = await SignedInAsync(trainer);
        using var anonymous = new Browser(Factory);
        foreach (var (reader, who) in new[] { (browser, "author"), (moderator, "moderator"), (anonymous, "anonymous") })
        {
            var page = await PageAsync(reader, url);
            var bodies = page.QuerySelectorAll("#comments .sa-comment-body");
            Assert.Equal(XssPayloads.Markdown.Count, bodies.Length);
            foreach (var body in bodies) Assert.Null(XssPayloads.FindViolation(body.InnerHtml));
            Assert.All(page.QuerySelectorAll("#comments .sa-comment-author"), a => Assert.Equal(hostileName, a.TextContent));
            var problems = PageProblems(page);
            Assert.True(problems.Count == 0, $"{url} as {who}:\n  " + string.Join("\n  ", problems));
        }
        // The htmx answer is the same section.
        var fragment = await browser.SubmitToAsync(url, "/comments", Fields(("contentItemId", id), ("text", XssPayloads.Markdown[0])), htmx: true);
        var section = Parse(await fragment.Content.ReadAsStringAsync());
        Assert.Empty(PageProblems(section));
        foreach (var body in section.QuerySelectorAll(".sa-comment-body")) Assert.Null(XssPayloads.FindViolation(body.InnerHtml));
    }

    [Fact]
    public async Task The_comments_section_speaks_Chinese_to_a_Chinese_reader()
    {
        var rep = await NewUserAsync(displayName: "李娜");
        var (id, url) = await NewItemAsync();
        using var browser = await SignedInAsync(rep, "zh-CN");
        await PostCommentAsync(browser, url, id, "第一条");
        var comment = Assert.Single(await CommentsOfAsync(id));
        await browser.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Edit", Fields(("text", "第一条（改）")));

        var page = await PageAsync(browser, url);
        Assert.StartsWith("评论", page.QuerySelector("#comments-heading")?.TextContent);
        var shown = page.QuerySelector($"#comment-{comment.Id}")!;
        Assert.Equal("（已编辑）", shown.QuerySelector(".sa-comment-edited")?.TextContent);
        Assert.EndsWith("（UTC）", shown.QuerySelector("time")?.TextContent);
        Assert.Equal("李娜", shown.QuerySelector(".sa-comment-author")?.TextContent);
        Assert.Equal("发表评论", page.QuerySelector("#comments form[action='/comments'] button")?.TextContent);
        Assert.Equal("编辑", shown.QuerySelector("details summary")?.TextContent);
    }

    [Fact]
    public async Task An_items_comments_are_read_with_one_query_however_many_there_are_and_cached_until_a_write()
    {
        var (id, url) = await NewItemAsync();
        var authors = new List<string>();
        for (var i = 0; i < 4; i++) authors.Add(await NewUserAsync(displayName: $"Author {i}"));
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        foreach (var author in authors)
        {
            using var browser = await SignedInAsync(author);
            await PostCommentAsync(browser, url, id, $"From {author}");
            await PostCommentAsync(browser, url, id, $"Again from {author}");
        }
        using var moderator = await SignedInAsync(trainer);
        await moderator.SubmitToAsync(url, $"/comments/{(await CommentsOfAsync(id))[0].Id}?handler=Hide", Fields());
        await PageAsync(moderator, url); // warm: policies, grants, rendered Markdown

        // The thread is cached per item: a repeat view reads nothing, the view after a write reads it with one query.
        using (var cached = await QueryCounter<CommentsDbContext>.StartAsync(Factory.Database.ConnectionString))
        {
            Assert.Equal(8, (await PageAsync(moderator, url)).QuerySelectorAll("#comments .sa-comment").Length);
            Assert.Equal(0, cached.Count);
        }
        await PostCommentAsync(moderator, url, id, "From the trainer");
        using var counter = await QueryCounter<CommentsDbContext>.StartAsync(Factory.Database.ConnectionString);
        var page = await PageAsync(moderator, url);
        Assert.Equal(9, page.QuerySelectorAll("#comments .sa-comment").Length);
        Assert.Equal(1, counter.Count);
        using var reader = await SignedInAsync(authors[0]);
        Assert.Equal(8, (await PageAsync(reader, url)).QuerySelectorAll("#comments .sa-comment").Length); // the hidden one is not shown
    }

    [Fact]
    public async Task A_new_or_hidden_comment_shows_at_once_on_the_page_stored_for_anonymous_readers()
    {
        var rep = await NewUserAsync(displayName: "Ann Author");
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        var (id, url) = await NewItemAsync();
        using var anonymous = new Browser(Factory);
        Assert.Equal("0", (await PageAsync(anonymous, url)).QuerySelector("#comments-heading .badge")?.TextContent);
        Assert.NotNull((await anonymous.GetAsync(url)).Headers.Age); // the page is stored whole

        using var author = await SignedInAsync(rep);
        await PostCommentAsync(author, url, id, "Seen by every reader");
        var comment = Assert.Single(await CommentsOfAsync(id));
        var page = await PageAsync(anonymous, url);
        Assert.Equal("Seen by every reader", page.QuerySelector($"#comment-{comment.Id} .sa-comment-body")?.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("#comments-heading .badge")?.TextContent);

        using var moderator = await SignedInAsync(trainer);
        await moderator.SubmitToAsync(url, $"/comments/{comment.Id}?handler=Hide", Fields());
        Assert.Null((await PageAsync(anonymous, url)).QuerySelector($"#comment-{comment.Id}"));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /// <summary>A published case study of its own for one test (so counts do not mix), owned by <paramref name="owner"/>.</summary>
    private async Task<(string Id, string Url)> NewItemAsync(string? owner = null, string? title = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        await using var scope = Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New("CaseStudy", "case-comments-" + suffix);
        item.Culture = "en";
        item.Apply(new TitlePart { Title = title ?? "Comments case " + suffix, Summary = "A case to comment on." });
        item.Apply(new RoutePart { Slug = "comments-" + suffix });
        item.Apply(new MarkdownBodyPart { Markdown = "## Story\n\nThe team won together." });
        item.Apply(new TagsPart { Tags = ["iron-triangle"] });
        item.Apply(new OwnershipPart { Owner = owner ?? "content-team" });
        item.Apply(new CaseStudyPart { Company = "Test Co", Industry = "ict", DealSize = "large", Outcome = "won", Roles = ["AccountManager"] });
        var created = await manager.CreateAsync(item, "tests", publish: true);
        return (created.ContentItemId, "/cases/comments-" + suffix);
    }

    private static Task<HttpResponseMessage> PostCommentAsync(Browser browser, string url, string id, string text, bool htmx = false) =>
        browser.SubmitToAsync(url, "/comments", Fields(("contentItemId", id), ("text", text)), htmx);

    private static async Task<IHtmlDocument> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return Parse(html);
    }

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private async Task<List<Comment>> CommentsOfAsync(string contentItemId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommentsDbContext>().Comments.AsNoTracking()
            .Where(c => c.ContentItemId == contentItemId).OrderBy(c => c.Id).ToListAsync();
    }

    private async Task<List<UserNotification>> NotificationsOfAsync(string userName)
    {
        var key = userName.ToLowerInvariant();
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Recipient == key).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(string target)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
            .Where(e => e.Target == target).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Anything on a page that could run script or send the reader elsewhere, beyond the theme's, the comment and the content panels' forms.</summary>
    private static List<string> PageProblems(IHtmlDocument page)
    {
        var problems = new List<string>();
        string[] forbidden = ["iframe", "frame", "object", "embed", "applet", "svg", "math", "style", "base", "template", "noscript"];
        string[] urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"];
        foreach (var element in page.All)
        {
            var name = element.LocalName;
            if (name == "script" && (element.GetAttribute("src")?.StartsWith("/_content/SalesAcademy.Theme/", StringComparison.Ordinal) != true || element.TextContent.Trim().Length > 0))
                problems.Add($"a script that is not the theme's: {element.OuterHtml}");
            if (forbidden.Contains(name)) problems.Add($"<{name}>: {element.OuterHtml}");
            if (name is "link" or "meta" && element.Closest("head") is null) problems.Add($"<{name}> outside <head>");
            if (name == "form" && !(element.GetAttribute("action")?.StartsWith("/comments", StringComparison.Ordinal) == true
                                    || element.Closest("header") is not null || element.GetAttribute("role") == "search"
                                    // the panels other modules add under an item ("was this helpful?"), never inside the comments
                                    || (element.Closest("[data-content-panels]") is not null && element.Closest("#comments") is null)))
                problems.Add($"a form the portal did not render: {element.OuterHtml[..Math.Min(200, element.OuterHtml.Length)]}");
            foreach (var attribute in element.Attributes)
            {
                var attr = attribute.Name.ToLowerInvariant();
                var squeezed = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                if (attr.StartsWith("on", StringComparison.Ordinal)) problems.Add($"<{name} {attr}=\"{attribute.Value}\">");
                if (attr is "srcdoc" or "autofocus" or "formaction") problems.Add($"<{name} {attr}>");
                if (urlAttributes.Contains(attr) && (squeezed.StartsWith("javascript:") || squeezed.StartsWith("vbscript:") || squeezed.StartsWith("data:")))
                    problems.Add($"<{name} {attr}=\"{attribute.Value}\">");
                if (attr == "style" && (squeezed.Contains("url(") || squeezed.Contains("expression(") || squeezed.Contains("javascript:")))
                    problems.Add($"<{name} style=\"{attribute.Value}\">");
            }
        }
        return problems;
    }
}

public sealed class CommentsTests_Sqlite(SqlitePortal portal) : CommentsTests(portal), IClassFixture<SqlitePortal>;

public sealed class CommentsTests_Postgres(PostgresPortal portal) : CommentsTests(portal), IClassFixture<PostgresPortal>;
