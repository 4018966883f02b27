using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// A portal with low limits (issue 12): each named policy counts per client address and per account, answers 429 with
/// Retry-After (a ProblemDetails for the API, a message for pages), and bodies larger than allowed answer 413. Windows
/// are an hour long, so no count resets while a test runs.
/// </summary>
public sealed class RateLimitedPortal() : PortalFixture(DatabaseProvider.Sqlite, overrides: new Dictionary<string, string?>
{
    ["RateLimits:Search:PerAddress"] = "3", ["RateLimits:Search:PerAccount"] = "1000", ["RateLimits:Search:WindowSeconds"] = "3600",
    ["RateLimits:Token:PerAddress"] = "1000", ["RateLimits:Token:PerAccount"] = "3", ["RateLimits:Token:WindowSeconds"] = "3600",
    ["RateLimits:SignIn:PerAddress"] = "1000", ["RateLimits:SignIn:PerAccount"] = "2", ["RateLimits:SignIn:WindowSeconds"] = "3600",
    ["RateLimits:PasswordReset:PerAddress"] = "1000", ["RateLimits:PasswordReset:PerAccount"] = "2", ["RateLimits:PasswordReset:WindowSeconds"] = "3600",
    ["RateLimits:MaxRequestBodyBytes"] = "4096",
});

public sealed class RateLimitTests(RateLimitedPortal portal) : IClassFixture<RateLimitedPortal>
{
    private HttpClient Client()
    {
        var client = portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var after = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
        Assert.True(after > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Search_is_limited_per_client_address_in_the_api_and_the_page()
    {
        var client = Client();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/search?q=iron{i}")).StatusCode);

        var api = await client.GetAsync("/api/v1/search?q=iron");
        AssertRetryAfter(api);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());

        var page = await client.GetAsync("/search?q=iron");
        AssertRetryAfter(page);
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Contains("Too many requests", html.QuerySelector("[data-too-many]")?.TextContent);

        // Other pages are not under the search policy.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);
    }

    [Fact]
    public async Task Token_use_is_limited_per_account()
    {
        var rep = await new ApiPeople(portal.Factory).NewAsync(Core.Security.PortalRoles.Rep);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rep.Token);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);

        var limited = await client.GetAsync("/api/v1/users/me");
        AssertRetryAfter(limited);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_account_whatever_the_address()
    {
        var victim = await TestUsers.CreateAsync(portal.Factory, null);
        using var browser = new Browser(portal.Factory);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync(victim, "wrong password " + i)).StatusCode);

        var limited = await browser.SignInAsync(victim, TestUsers.Password);
        AssertRetryAfter(limited);
        Assert.False(browser.HasAuthCookie);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());

        // The same address may still sign in to another account: the account was limited, not the address.
        var other = await TestUsers.CreateAsync(portal.Factory, null);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(other, TestUsers.Password)).StatusCode);
    }

    [Fact]
    public async Task Password_reset_is_limited_per_account()
    {
        var victim = await TestUsers.CreateAsync(portal.Factory, null);
        using var browser = new Browser(portal.Factory);
        var fields = new Dictionary<string, string> { ["Email"] = victim };
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/account/forgot-password", fields)).StatusCode);

        AssertRetryAfter(await browser.SubmitAsync("/account/forgot-password", fields));
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_refused_with_413()
    {
        var big = new string('x', 8000);
        using var browser = new Browser(portal.Factory);
        var form = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = big, ["Password"] = "p" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Contains("larger than this page accepts", await form.Content.ReadAsStringAsync());

        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestUsers.AdminApiToken);
        var json = await client.PostAsync("/api/v1/content", new StringContent(JsonSerializer.Serialize(new { type = "CaseStudy", title = big }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);

        // GIFT import asks for more than the default: the same size is read (and refused for its content, not its size).
        var gift = await client.PostAsync("/api/v1/questions/import/gift", new StringContent(JsonSerializer.Serialize(new { gift = big, tags = new[] { "no-such-tag" } }), Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, gift.StatusCode);
    }
}
