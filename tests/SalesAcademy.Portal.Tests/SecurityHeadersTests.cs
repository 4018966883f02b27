using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// The headers every response carries (issue 12): a Content-Security-Policy without inline script or style, no framing,
/// HSTS and Secure cookies over HTTPS only, and no-store on whatever a signed-in reader is shown.
/// </summary>
public abstract class SecurityHeadersTests(PortalFixture portal)
{
    private HttpClient Client(string scheme = "http") =>
        portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"{scheme}://localhost") });

    public static TheoryData<string> PublicPages => ["/", "/cases", "/cases/huawei-iron-triangle", "/playbooks/collaborative-sales-process",
        "/drills/iron-triangle-role-play", "/search?q=铁三角", "/account/login", "/api/v1/search?q=iron"];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_page_sends_the_content_security_policy_and_framing_headers(string url)
    {
        var response = await Client().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeadersOptions.DefaultContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersOptions.DefaultContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-inline", SecurityHeadersOptions.DefaultContentSecurityPolicy);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        // Plain HTTP: no HSTS (a browser would ignore it, and a test server on http must stay reachable).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task No_page_has_a_style_attribute_or_an_inline_script(string url)
    {
        if (url.StartsWith("/api/", StringComparison.Ordinal)) return;
        var document = new HtmlParser().ParseDocument(await Client().GetStringAsync(url));

        Assert.Empty(document.QuerySelectorAll("[style]").Select(e => e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]));
        Assert.Empty(document.QuerySelectorAll("script:not([src])").Select(e => e.OuterHtml));
        Assert.Empty(document.All.Where(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal))).Select(e => e.OuterHtml));
    }

    [Fact]
    public async Task Over_https_the_answer_has_hsts_and_every_cookie_is_secure()
    {
        var response = await Client("https").GetAsync("/account/login");

        Assert.StartsWith("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var culture = await Client("https").GetAsync("/culture?culture=en&returnUrl=/");
        Assert.All(culture.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        var plain = await Client().GetAsync("/account/login");
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pages_for_a_signed_in_reader_are_never_stored()
    {
        using var browser = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, Core.Security.PortalRoles.Rep));

        foreach (var url in new[] { "/account/profile", "/" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
        }
        var anonymous = await Client().GetAsync("/cases");
        Assert.NotEqual(true, anonymous.Headers.CacheControl?.NoStore);
    }
}

public sealed class SecurityHeadersTests_Sqlite(SqlitePortal portal) : SecurityHeadersTests(portal), IClassFixture<SqlitePortal>;

public sealed class SecurityHeadersTests_Postgres(PostgresPortal portal) : SecurityHeadersTests(portal), IClassFixture<PostgresPortal>;
