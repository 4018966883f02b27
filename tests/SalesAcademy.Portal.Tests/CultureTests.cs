using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// GET /culture?culture=..&amp;returnUrl=..: the language switch. It only sets a preference cookie, so it is a
/// link (no form and no antiforgery token on every page); it redirects only to local addresses.
/// </summary>
public sealed class CultureTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string CultureCookie = ".AspNetCore.Culture";
    private static readonly Uri BaseAddress = new("http://localhost");

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (so they can be checked).</summary>
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = portal.Factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));
        return (client, cookies);
    }

    private static Task<HttpResponseMessage> SwitchAsync(HttpClient client, string? culture, string? returnUrl)
    {
        var query = new List<string>();
        if (culture is not null) query.Add($"culture={Uri.EscapeDataString(culture)}");
        if (returnUrl is not null) query.Add($"returnUrl={Uri.EscapeDataString(returnUrl)}");
        return client.GetAsync("/culture?" + string.Join("&", query));
    }

    private static Cookie? CultureCookieIn(CookieContainer cookies) => cookies.GetCookies(BaseAddress)[CultureCookie];

    [Fact]
    public async Task The_switcher_links_lead_back_to_the_page_and_pages_carry_no_antiforgery_token()
    {
        var (client, _) = Browser();
        using (client)
        {
            var page = await client.GetPageAsync("/cases?outcome=lost", "zh-CN");
            var links = page.All("nav a[href^='/culture?']").Select(a => a.GetAttribute("href")).ToList();
            Assert.Equal(["/culture?culture=zh-CN&returnUrl=%2Fcases%3Foutcome%3Dlost", "/culture?culture=en&returnUrl=%2Fcases%3Foutcome%3Dlost"], links);
            Assert.Empty(page.All("input[name='__RequestVerificationToken']"));
        }
    }

    [Fact]
    public async Task Switching_sets_the_culture_cookie_and_goes_back()
    {
        var (client, cookies) = Browser();
        using (client)
        {
            using var response = await SwitchAsync(client, "en", "/cases?outcome=lost");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/cases?outcome=lost", response.Headers.Location?.OriginalString);
            var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith(CultureCookie + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("c=en|uic=en", Uri.UnescapeDataString(CultureCookieIn(cookies)!.Value));

            // The cookie wins over the browser's Accept-Language from now on.
            var page = await client.GetPageAsync("/cases?outcome=lost", "zh-CN");
            Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
            Assert.Equal("true", page.Single("nav a[hreflang='en']").GetAttribute("aria-current"));

            // And back to Chinese.
            using var back = await SwitchAsync(client, "zh-CN", "/drills");
            Assert.Equal("/drills", back.Headers.Location?.OriginalString);
            Assert.Equal("zh-CN", (await client.GetPageAsync("/drills", "en")).Document.DocumentElement.GetAttribute("lang"));
        }
    }

    [Fact]
    public async Task From_a_not_found_page_the_switch_returns_to_the_address_asked_for()
    {
        var (client, _) = Browser();
        using (client)
        {
            var page = await client.GetPageAsync("/cases/no-such-case", "zh-CN", HttpStatusCode.NotFound);
            Assert.Contains("returnUrl=%2Fcases%2Fno-such-case", page.Single("nav a[hreflang='en']").GetAttribute("href"));
        }
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_return_url_that_is_not_local_redirects_home(string? returnUrl)
    {
        var (client, cookies) = Browser();
        using (client)
        {
            using var response = await SwitchAsync(client, "en", returnUrl);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
            Assert.NotNull(CultureCookieIn(cookies));
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("zh")]
    [InlineData("EN")]
    public async Task An_unsupported_culture_is_refused(string culture)
    {
        var (client, cookies) = Browser();
        using (client)
        {
            using var response = await SwitchAsync(client, culture, "/cases");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(CultureCookieIn(cookies));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_a_culture_it_just_goes_home(string? culture)
    {
        var (client, cookies) = Browser();
        using (client)
        {
            using var response = await SwitchAsync(client, culture, "/cases");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
            Assert.Null(CultureCookieIn(cookies));
        }
    }
}
