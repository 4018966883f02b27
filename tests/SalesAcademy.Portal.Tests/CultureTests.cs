using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>POST /culture: the language switch (antiforgery-checked, local redirects only, supported cultures only).</summary>
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

    /// <summary>GETs a page and returns the antiforgery token of its culture-switch form (the cookie half stays in the container).</summary>
    private static async Task<string> TokenAsync(HttpClient client, string url = "/cases")
    {
        var page = await client.GetPageAsync(url, "zh-CN");
        var input = page.Single("form[action='/culture'] input[name='__RequestVerificationToken']");
        var token = input.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));
        return token;
    }

    private static Task<HttpResponseMessage> PostCultureAsync(HttpClient client, string? token, string culture, string? returnUrl)
    {
        var fields = new Dictionary<string, string> { ["culture"] = culture };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        if (token is not null) fields["__RequestVerificationToken"] = token;
        return client.PostAsync("/culture", new FormUrlEncodedContent(fields));
    }

    private static Cookie? CultureCookieIn(CookieContainer cookies) => cookies.GetCookies(BaseAddress)[CultureCookie];

    private static bool SetsCultureCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) && values.Any(v => v.StartsWith(CultureCookie + "=", StringComparison.Ordinal));

    [Fact]
    public async Task Without_an_antiforgery_token_the_switch_is_refused()
    {
        var (client, cookies) = Browser();
        using (client)
        {
            using var response = await PostCultureAsync(client, token: null, "en", "/cases");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(SetsCultureCookie(response));
            Assert.Null(CultureCookieIn(cookies));
        }
    }

    [Fact]
    public async Task A_token_without_its_cookie_is_refused()
    {
        var (first, _) = Browser();
        string token;
        using (first) token = await TokenAsync(first);

        var (other, cookies) = Browser(); // a different browser: no antiforgery cookie
        using (other)
        {
            using var response = await PostCultureAsync(other, token, "en", "/cases");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(CultureCookieIn(cookies));
        }
    }

    [Fact]
    public async Task With_a_token_the_culture_cookie_is_set_and_the_reader_goes_back()
    {
        var (client, cookies) = Browser();
        using (client)
        {
            var token = await TokenAsync(client);
            using var response = await PostCultureAsync(client, token, "en", "/cases?outcome=lost");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/cases?outcome=lost", response.Headers.Location?.OriginalString);
            var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith(CultureCookie + "=", StringComparison.Ordinal));
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("c=en|uic=en", Uri.UnescapeDataString(CultureCookieIn(cookies)!.Value));

            // The cookie wins over the browser's Accept-Language from now on.
            var page = await client.GetPageAsync("/cases?outcome=lost", "zh-CN");
            Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));

            // And back to Chinese.
            using var back = await PostCultureAsync(client, await TokenAsync(client), "zh-CN", "/drills");
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            Assert.Equal("/drills", back.Headers.Location?.OriginalString);
            Assert.Equal("zh-CN", (await client.GetPageAsync("/drills", "en")).Document.DocumentElement.GetAttribute("lang"));
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
            using var response = await PostCultureAsync(client, await TokenAsync(client), "en", returnUrl);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
            Assert.NotNull(CultureCookieIn(cookies));
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("zh")]
    [InlineData("EN")]
    [InlineData("")]
    public async Task An_unsupported_culture_is_refused(string culture)
    {
        var (client, cookies) = Browser();
        using (client)
        {
            using var response = await PostCultureAsync(client, await TokenAsync(client), culture, "/cases");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(SetsCultureCookie(response));
            Assert.Null(CultureCookieIn(cookies));
        }
    }

    [Fact]
    public async Task Get_culture_just_goes_home()
    {
        using var client = portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/culture?culture=en&returnUrl=https://evil.example/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.False(SetsCultureCookie(response));
    }
}
