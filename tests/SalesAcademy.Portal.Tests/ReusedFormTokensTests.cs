using System.Net;
using AngleSharp.Html.Parser;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// A page's form token is made once per antiforgery cookie and user (<see cref="ReusedFormTokens"/>): the same reader with the
/// same cookie is handed the same token, which still works and whose page is still never stored; another reader, or the same
/// browser after signing in, gets a token of its own, and a token is never accepted from anyone but the one it was made for.
/// </summary>
public sealed class ReusedFormTokensTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Page = "/cases/huawei-iron-triangle";

    /// <summary>The "was this helpful?" form of <see cref="Page"/>: its token and the item it is about.</summary>
    private static async Task<(string Token, string ItemId)> HelpfulFormAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString()); // a page with a form token is never stored
        var form = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#helpful form")
            ?? throw new InvalidOperationException("no 'was this helpful?' form");
        return (form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            form.QuerySelector("input[name='contentItemId']")!.GetAttribute("value")!);
    }

    private static Dictionary<string, string> Answer(string itemId, string token) =>
        new() { ["contentItemId"] = itemId, ["helpful"] = "yes", ["reason"] = "", ["__RequestVerificationToken"] = token };

    [Fact]
    public async Task The_same_reader_and_cookie_get_the_same_working_token_and_nobody_else_can_use_it()
    {
        using var ann = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));
        using var bob = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));

        var (first, itemId) = await HelpfulFormAsync(await ann.GetAsync(Page));
        var (again, _) = await HelpfulFormAsync(await ann.GetAsync(Page));
        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.PostAsync("/improvement/helpful", Answer(itemId, again))).StatusCode);

        var (bobs, _) = await HelpfulFormAsync(await bob.GetAsync(Page));
        Assert.NotEqual(first, bobs);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.PostAsync("/improvement/helpful", Answer(itemId, first))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await bob.PostAsync("/improvement/helpful", Answer(itemId, bobs))).StatusCode);
    }

    [Fact]
    public async Task Signing_in_with_the_same_cookie_gets_a_new_token_and_the_anonymous_one_is_refused()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var browser = new Browser(portal.Factory);
        await browser.AntiforgeryTokenAsync("/account/login"); // the first view sets the antiforgery cookie
        var anonymous = await browser.AntiforgeryTokenAsync("/account/login");
        Assert.Equal(anonymous, await browser.AntiforgeryTokenAsync("/account/login")); // reused while nobody is signed in
        await browser.SignInAsync(email, TestUsers.Password);
        Assert.True(browser.HasAuthCookie);

        var (signedIn, itemId) = await HelpfulFormAsync(await browser.GetAsync(Page));
        Assert.NotEqual(anonymous, signedIn);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/improvement/helpful", Answer(itemId, anonymous))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/improvement/helpful", Answer(itemId, signedIn))).StatusCode);
    }
}
