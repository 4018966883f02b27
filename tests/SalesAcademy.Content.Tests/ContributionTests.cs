using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>
/// A rep's case from their own deal through the pages, as people use them: write, submit, be returned with
/// requests (and notified), fix, resubmit, be published and credited; who gets 404; kept input; safe preview.
/// </summary>
public abstract class ContributionTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private Task<string> NewUserAsync(string role, string? displayName = null) => TestUsers.CreateAsync(Factory, role, displayName);

    private Task<Browser> SignedInAsync(string email) => TestUsers.SignedInAsync(Factory, email);

    private static Dictionary<string, string> CaseFields(string title, string basedOn = "") => new()
    {
        ["f.title"] = title, ["f.summary"] = "A rep's own deal.", ["f.culture"] = "en", ["f.company"] = "Acme Retail",
        ["f.industry"] = "retail", ["f.dealSize"] = "medium", ["f.outcome"] = "won", ["f.roles[]"] = "AccountManager",
        ["f.lessons:lines"] = "Bring delivery in early\nSpeak with one voice", ["f.tags[]"] = "crm",
        ["body"] = "## Background\n\nWe **won** it together.", ["basedOnVersionId"] = basedOn,
    };

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static async Task<IHtmlDocument> PageAsync(Browser browser, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await HtmlAsync(response);
    }

    /// <summary>Creates a draft through the form; returns its id.</summary>
    private static async Task<string> CreateAsync(Browser browser, string title)
    {
        var saved = await browser.SubmitAsync("/contribute/new", CaseFields(title), "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.OriginalString;
        Assert.StartsWith("/contribute/", location);
        return location["/contribute/".Length..].Split('?')[0];
    }

    [Fact]
    public async Task A_case_goes_from_draft_through_return_and_resubmission_to_published_with_credit()
    {
        var rep = await NewUserAsync(PortalRoles.Rep, "Rita Rep");
        var trainer = await NewUserAsync(PortalRoles.Trainer, "Tom Trainer");
        using var repBrowser = await SignedInAsync(rep);
        using var trainerBrowser = await SignedInAsync(trainer);

        var id = await CreateAsync(repBrowser, "Winning Acme together");
        var mine = await PageAsync(repBrowser, "/contribute");
        Assert.Contains("Winning Acme together", mine.QuerySelector($"a[href='/contribute/{id}']")?.TextContent);
        Assert.NotNull(mine.QuerySelector(".sa-status-draft"));

        var submitted = await repBrowser.SubmitAsync($"/contribute/{id}", new Dictionary<string, string> { ["note"] = "First case, be kind" }, "Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var readOnly = await PageAsync(repBrowser, $"/contribute/{id}");
        Assert.Null(readOnly.QuerySelector("input[name='f.title']")); // with the reviewers: not editable
        Assert.Contains("First case, be kind", readOnly.QuerySelector(".sa-note-text")?.TextContent);

        var queue = await PageAsync(trainerBrowser, "/studio/reviews");
        Assert.NotNull(queue.QuerySelector("header a[href='/studio/reviews']"));
        Assert.NotNull(queue.QuerySelector($"a[href='/studio/reviews/{id}']"));
        var refused = await trainerBrowser.SubmitAsync($"/studio/reviews/{id}", new Dictionary<string, string> { ["requests"] = " " }, "Return");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Write what should change: the note is empty.", (await HtmlAsync(refused)).QuerySelector(".alert-danger")?.TextContent);
        var returned = await trainerBrowser.SubmitAsync($"/studio/reviews/{id}",
            new Dictionary<string, string> { ["requests"] = "Add what the customer said\nand the timeline" }, "Return");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        var notifications = await PageAsync(repBrowser, "/notifications");
        Assert.Contains("Your contribution “Winning Acme together” was returned with requests by Tom Trainer.", notifications.Body!.TextContent);
        var back = await PageAsync(repBrowser, $"/contribute/{id}");
        Assert.Contains(back.QuerySelectorAll(".sa-note-text"), n => n.TextContent.Contains("Add what the customer said\nand the timeline"));
        var basedOn = back.QuerySelector("input[name='basedOnVersionId']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(basedOn));

        var fixedUp = await repBrowser.SubmitAsync($"/contribute/{id}", CaseFields("Winning Acme together, with the timeline", basedOn!), "Save");
        Assert.Equal(HttpStatusCode.Redirect, fixedUp.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await repBrowser.SubmitAsync($"/contribute/{id}", new Dictionary<string, string>(), "Submit")).StatusCode);

        var review = await PageAsync(trainerBrowser, $"/studio/reviews/{id}");
        Assert.Equal("won", review.QuerySelector(".sa-body strong")?.TextContent);
        Assert.Contains("Winning Acme together, with the timeline", review.QuerySelector("h1")?.TextContent);
        var published = await trainerBrowser.SubmitAsync($"/studio/reviews/{id}", new Dictionary<string, string> { ["note"] = "Great" }, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        using var anonymous = new Browser(Factory);
        var casePage = await PageAsync(anonymous, $"/cases/{id}");
        Assert.Equal("Contributed by Rita Rep", casePage.QuerySelector(".sa-contributed-by")?.TextContent.Trim());
        Assert.NotNull((await PageAsync(repBrowser, "/contribute")).QuerySelector(".sa-status-published"));
        Assert.NotNull((await PageAsync(repBrowser, $"/contribute/{id}")).QuerySelector($"a[href='/cases/{id}']"));
    }

    [Fact]
    public async Task Submit_keeps_an_edit_typed_just_before_and_reviewers_are_told_and_counted()
    {
        var rep = await NewUserAsync(PortalRoles.Rep, "Sara Seller");
        var trainer = await NewUserAsync(PortalRoles.Trainer, "Theo Trainer");
        using var repBrowser = await SignedInAsync(rep);
        using var trainerBrowser = await TestUsers.SignedInAsync(Factory, trainer, language: "zh-CN");
        var id = await CreateAsync(repBrowser, "Before the last edit");
        var basedOn = (await PageAsync(repBrowser, $"/contribute/{id}")).QuerySelector("input[name='basedOnVersionId']")!.GetAttribute("value")!;
        var before = await (await trainerBrowser.GetAsync("/review-queue/badge")).Content.ReadAsStringAsync();
        var pendingBefore = int.Parse(new HtmlParser().ParseDocument(before).QuerySelector("[data-pending]")!.GetAttribute("data-pending")!);

        // The whole form is posted with "Submit for review": the title typed last is saved, then submitted.
        var form = CaseFields("Typed just before submitting", basedOn);
        form["note"] = "Please look";
        var submitted = await repBrowser.SubmitAsync($"/contribute/{id}", form, "Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var readOnly = await PageAsync(repBrowser, $"/contribute/{id}");
        Assert.Contains("Typed just before submitting", readOnly.QuerySelector("h1")?.TextContent);
        Assert.NotNull(readOnly.QuerySelector(".sa-status-submitted"));

        // Reviewers hear of it in their language, and see the count in the header.
        var inbox = await PageAsync(trainerBrowser, "/notifications");
        Assert.Contains("Sara Seller 提交了“Typed just before submitting”，等待审核。", inbox.Body!.TextContent);
        var badge = new HtmlParser().ParseDocument(await (await trainerBrowser.GetAsync("/review-queue/badge")).Content.ReadAsStringAsync());
        Assert.Equal(pendingBefore + 1, int.Parse(badge.QuerySelector("[data-pending]")!.GetAttribute("data-pending")!));
        Assert.NotNull(badge.QuerySelector(".badge"));
        Assert.Contains("/review-queue/badge", (await PageAsync(trainerBrowser, "/")).QuerySelector("header")!.InnerHtml);
        // Reps get no count, in the header or from the fragment.
        Assert.DoesNotContain("/review-queue/badge", (await PageAsync(repBrowser, "/")).QuerySelector("header")!.InnerHtml);
        Assert.Null(new HtmlParser().ParseDocument(await (await repBrowser.GetAsync("/review-queue/badge")).Content.ReadAsStringAsync()).QuerySelector("[data-pending]"));
        Assert.DoesNotContain("submitted “", (await PageAsync(repBrowser, "/notifications")).Body!.TextContent);

        // The review page shows the case as readers see it: labels and translated values, not property names.
        var review = await PageAsync(trainerBrowser, $"/studio/reviews/{id}");
        var facts = review.QuerySelector(".sa-meta")!.TextContent;
        Assert.Contains("中型", facts);
        Assert.Contains("客户经理", facts);
        Assert.DoesNotContain("DealSize", review.Body!.TextContent);
        Assert.DoesNotContain("AccountManager", review.Body!.TextContent);
    }

    [Fact]
    public async Task A_refused_contribution_says_what_is_wrong_in_the_readers_language()
    {
        var rep = await NewUserAsync(PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(Factory, rep, language: "zh-CN");
        var fields = CaseFields("标题");
        fields["f.dealSize"] = "";
        var page = await HtmlAsync(await browser.SubmitAsync("/contribute/new", fields, "Save"));
        Assert.Contains("商机规模：请从以下选项中选择：小型、中型、大型、战略级", page.QuerySelectorAll(".sa-errors li").Select(li => li.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("label.sa-required[for='f-company']"));
        // The contribution form is the studio's case form: same fields and tag picker, without "add a new tag".
        Assert.NotNull(page.QuerySelector("#f-region"));
        Assert.Null(page.QuerySelector("input[name='newTag.key']"));
    }

    [Fact]
    public async Task Only_the_contributor_and_reviewers_see_a_contribution_and_reps_do_not_see_the_queue()
    {
        var rep = await NewUserAsync(PortalRoles.Rep);
        var other = await NewUserAsync(PortalRoles.Rep);
        using var repBrowser = await SignedInAsync(rep);
        using var otherBrowser = await SignedInAsync(other);
        var id = await CreateAsync(repBrowser, "Mine only");

        var own = await PageAsync(repBrowser, $"/contribute/{id}");
        Assert.NotNull(own.QuerySelector("header a[href='/contribute']")); // the account menu has Contribute…
        Assert.Null(own.QuerySelector("header a[href='/studio/reviews']")); // …but not the review queue
        await PageAsync(otherBrowser, $"/contribute/{id}", HttpStatusCode.NotFound);
        await PageAsync(otherBrowser, "/contribute/no-such-contribution", HttpStatusCode.NotFound);
        await PageAsync(repBrowser, "/studio/reviews", HttpStatusCode.NotFound);
        await PageAsync(repBrowser, $"/studio/reviews/{id}", HttpStatusCode.NotFound);
        var token = await otherBrowser.AntiforgeryTokenAsync("/contribute/new");
        var comment = await otherBrowser.PostAsync($"/contribute/{id}?handler=Comment",
            new Dictionary<string, string> { ["text"] = "hi", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, comment.StatusCode);
        Assert.DoesNotContain("Mine only", (await PageAsync(otherBrowser, "/contribute")).Body!.TextContent);
    }

    [Fact]
    public async Task A_refused_save_shows_errors_by_field_and_keeps_what_was_typed()
    {
        var rep = await NewUserAsync(PortalRoles.Rep);
        using var browser = await SignedInAsync(rep);
        var fields = CaseFields("Typed title");
        fields["f.company"] = "";
        fields["f.outcome"] = "";

        var response = await browser.SubmitAsync("/contribute/new", fields, "Save");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.NotEmpty(page.QuerySelector(".invalid-feedback[data-field='company']")!.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelector(".invalid-feedback[data-field='outcome']")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#f-company.is-invalid"));
        Assert.Empty(page.QuerySelector(".invalid-feedback[data-field='title']")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#f-title.is-invalid"));
        Assert.Equal("Typed title", page.QuerySelector("input[name='f.title']")?.GetAttribute("value"));
        Assert.Equal("retail", page.QuerySelector("select[name='f.industry'] option[selected]")?.GetAttribute("value"));
        Assert.Equal("Bring delivery in early\nSpeak with one voice", page.QuerySelector("textarea[name='f.lessons:lines']")?.TextContent.Replace("\r\n", "\n").Trim());
        Assert.Equal("medium", page.QuerySelector("select[name='f.dealSize'] option[selected]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name='f.roles[]'][value='AccountManager'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='f.tags[]'][value='crm'][checked]"));
        Assert.Contains("We **won** it together.", page.QuerySelector("textarea[name='body']")?.TextContent);
        Assert.Null((await PageAsync(browser, "/contribute")).QuerySelector("table a[href^='/contribute/']")); // nothing was created
    }

    [Fact]
    public async Task The_preview_renders_markdown_and_drops_scripts()
    {
        var rep = await NewUserAsync(PortalRoles.Rep);
        using var browser = await SignedInAsync(rep);
        var response = await browser.SubmitToAsync("/contribute/new", "/contribute/new?handler=Preview",
            new Dictionary<string, string> { ["body"] = "**bold** <script>alert('x')</script> <img src=x onerror=alert(1)>" }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>bold</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);

        // With a valid antiforgery token (so the refusal is not the missing token's 400): an anonymous reader is sent
        // to sign in, and a signed-in user without content.contribute gets 404; neither gets the rendered preview.
        using var anonymous = new Browser(Factory);
        var fields = new Dictionary<string, string> { ["body"] = "**x**", ["__RequestVerificationToken"] = await anonymous.AntiforgeryTokenAsync("/account/login") };
        var refused = await anonymous.PostAsync("/contribute/new?handler=Preview", fields, htmx: true);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/login", refused.Headers.Location?.PathAndQuery);
        using var noRole = await SignedInAsync(await TestUsers.CreateAsync(Factory, role: null));
        var notFound = await noRole.SubmitToAsync("/account/profile", "/contribute/new?handler=Preview", new Dictionary<string, string> { ["body"] = "**x**" }, htmx: true);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.DoesNotContain("<strong>x</strong>", await notFound.Content.ReadAsStringAsync());
    }
}

public sealed class ContributionTests_Sqlite(SqlitePortal portal) : ContributionTests(portal), IClassFixture<SqlitePortal>;

public sealed class ContributionTests_Postgres(PostgresPortal portal) : ContributionTests(portal), IClassFixture<PostgresPortal>;
