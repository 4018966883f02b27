using System.Net;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// HTTP basics SECURITY.md relies on: redirects stay on this site (ASVS 3.7.2), TRACE is not served (13.4.4),
/// every body names its type and charset (4.1.1), signing out clears the browser's copies (14.3.1).
/// </summary>
public sealed class HttpHygieneTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    public static TheoryData<string> Elsewhere => ["https://evil.example/", "//evil.example/", "/\\evil.example/", "http:evil.example", " https://evil.example/"];

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task Signing_in_never_sends_the_user_to_another_site(string returnUrl)
    {
        using var browser = new Browser(portal.Factory);
        var response = await browser.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task The_language_switch_never_sends_the_reader_to_another_site(string returnUrl)
    {
        using var browser = new Browser(portal.Factory);
        var response = await browser.GetAsync($"/culture?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_local_return_address_is_kept()
    {
        using var browser = new Browser(portal.Factory);
        var response = await browser.GetAsync("/culture?culture=en&returnUrl=%2Fcases%3Ftag%3Diron-triangle");
        Assert.Equal("/cases?tag=iron-triangle", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_tells_the_browser_to_drop_its_cache_and_storage()
    {
        using var browser = new Browser(portal.Factory);
        await browser.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var response = await browser.SubmitAsync("/account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("\"cache\", \"storage\"", string.Join(", ", response.Headers.GetValues("Clear-Site-Data")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cases")]
    [InlineData("/api/v1/search?q=x")]
    public async Task Trace_is_not_served(string url)
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Trace, url));
        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"TRACE {url}: {(int)response.StatusCode}");
        Assert.DoesNotContain("TRACE", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/cases/huawei-iron-triangle", "text/html")]
    [InlineData("/no-such-page", "text/html")]
    [InlineData("/api/v1/search?q=iron", "application/json")]
    [InlineData("/api/v1/content", "application/problem+json")]
    public async Task Every_body_names_its_type_and_charset(string url, string mediaType)
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
    }
}
