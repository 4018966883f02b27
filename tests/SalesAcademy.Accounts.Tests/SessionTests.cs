using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Audit.Data;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Accounts.Tests;

/// <summary>A clock the tests move forward; everything in the portal that asks TimeProvider sees it.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan offset;
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    public void Advance(TimeSpan by) => offset += by;
}

/// <summary>
/// A portal whose clock the tests move, with the default security-stamp interval (60 s): whatever ends a session
/// here must do so through the server-side session, not through the stamp check.
/// </summary>
public abstract class ClockedPortal(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;
    public MovableClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(provider);
        Factory = new ClockedFactory(database, Clock);
        Factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }

    private sealed class ClockedFactory(TestDatabase database, MovableClock clock) : PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?>
    {
        ["Portal:Setup:AnonymousReading"] = "false",
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }
    }
}

public sealed class SqliteClockedPortal() : ClockedPortal(DatabaseProvider.Sqlite);

public sealed class PostgresClockedPortal() : ClockedPortal(DatabaseProvider.Postgres);

/// <summary>Server-side sessions and personal access tokens: sign-out, disabling, new passwords, timeouts, scopes, expiry.</summary>
public abstract class SessionTests(ClockedPortal portal)
{
    private static readonly HtmlParser Parser = new();

    private async Task<Browser> SignedInAsync(string email, string password = TestUsers.Password)
    {
        var browser = new Browser(portal.Factory);
        await browser.SignInAsync(email, password);
        Assert.True(browser.HasAuthCookie, $"{email} could not sign in");
        return browser;
    }

    private static async Task AssertSignedInAsync(Browser browser) =>
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/profile")).StatusCode);

    private static async Task AssertSignedOutAsync(Browser browser)
    {
        var response = await browser.GetAsync("/account/profile");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }

    /// <summary>Replays a copied Cookie header from a client that has nothing else.</summary>
    private async Task<HttpStatusCode> ReplayAsync(string cookieHeader)
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/profile");
        request.Headers.Add("Cookie", cookieHeader);
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>Creates a token on the profile page, as the user does, and reads it off the page.</summary>
    private static async Task<string> CreateTokenAsync(Browser browser, string scope = "ReadWrite", string days = "90")
    {
        var page = await browser.SubmitAsync("/account/profile",
            new Dictionary<string, string> { ["name"] = "script", ["scope"] = scope, ["days"] = days }, handler: "CreateToken");
        var html = await page.Content.ReadAsStringAsync();
        return Parser.ParseDocument(html).QuerySelector("#new-token")?.TextContent.Trim() ?? throw new InvalidOperationException("No new token on the page: " + html);
    }

    private async Task<HttpResponseMessage> ApiAsync(string token, HttpMethod method, string url, HttpContent? body = null)
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<List<UserSession>> SessionsOfAsync(string email)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Sessions.AsNoTracking().Where(s => s.UserId == id).OrderBy(s => s.CreatedUtc).ToListAsync();
    }

    [Fact]
    public async Task A_copied_sign_in_cookie_stops_working_at_sign_out()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var browser = await SignedInAsync(email);
        var copied = browser.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(copied));
        // The copy was decrypted before and is remembered decrypted (SignInTicketCache): sign-out must still end it.
        var cookies = portal.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(typeof(SalesAcademy.Accounts.Services.SignInTicketCache), cookies.TicketDataFormat.GetType().DeclaringType);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/account/logout", new Dictionary<string, string>())).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(copied)); // the copy is as dead as the original
        var session = Assert.Single(await SessionsOfAsync(email));
        Assert.Equal("signout", session.EndReason);

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
            .Where(e => e.Target == email && e.Action.StartsWith("account.session.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["account.session.started", "account.session.ended"], audit);
    }

    [Fact]
    public async Task On_one_SQLite_node_an_open_session_is_checked_in_memory_and_every_end_clears_it_at_once()
    {
        var cache = portal.Factory.Services.GetRequiredService<SalesAcademy.Accounts.Services.OpenSessionCache>();
        Assert.Equal(portal.Factory.Database.Provider == DatabaseProvider.Sqlite, cache.Enabled); // several PostgreSQL nodes: always the database
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var phone = await SignedInAsync(email);
        using var laptop = await SignedInAsync(email);
        await AssertSignedInAsync(phone);
        await AssertSignedInAsync(laptop);
        var sessions = await SessionsOfAsync(email);
        Assert.All(sessions, s => Assert.Equal(cache.Enabled, cache.Holds(s.Id)));

        // Ended from the laptop's profile: the phone's next request is refused, though it was answered from memory before.
        await laptop.SubmitAsync($"/account/profile?id={sessions[0].Id}", new Dictionary<string, string>(), handler: "EndSession");
        Assert.False(cache.Holds(sessions[0].Id));
        await AssertSignedOutAsync(phone);
        await AssertSignedInAsync(laptop);
        Assert.Equal(cache.Enabled, cache.Holds(sessions[1].Id));
    }

    [Fact]
    public async Task Disabling_a_user_on_the_users_page_ends_their_sessions_at_once_and_refuses_their_tokens()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var rep = await SignedInAsync(email);
        var token = await CreateTokenAsync(rep);
        await (await ApiAsync(token, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);

        using var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var id = (await SessionsOfAsync(email))[0].UserId;
        var disabled = await admin.SubmitAsync($"/admin/users?id={id}", new Dictionary<string, string> { ["disabled"] = "true" }, handler: "Disable");
        Assert.Contains("The user was disabled.", await disabled.Content.ReadAsStringAsync());

        await AssertSignedOutAsync(rep); // no waiting for the security-stamp check
        var refused = await ApiAsync(token, HttpMethod.Get, "/api/v1/users/me");
        await refused.StatusAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.All(await SessionsOfAsync(email), s => Assert.Equal("disabled", s.EndReason));
    }

    [Fact]
    public async Task An_administrator_signs_a_user_out_everywhere_and_everyone_at_once()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        var other = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer);
        using var phone = await SignedInAsync(email);
        using var laptop = await SignedInAsync(email);
        using var trainer = await SignedInAsync(other);
        using var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var id = (await SessionsOfAsync(email))[0].UserId;

        var signedOut = await admin.SubmitAsync($"/admin/users?id={id}", new Dictionary<string, string>(), handler: "SignOut");
        Assert.Contains("The user was signed out everywhere.", await signedOut.Content.ReadAsStringAsync());
        await AssertSignedOutAsync(phone);
        await AssertSignedOutAsync(laptop);
        Assert.All(await SessionsOfAsync(email), s => Assert.Equal("admin", s.EndReason));
        await AssertSignedInAsync(trainer); // only that user

        var everyone = await admin.SubmitAsync("/admin/users", new Dictionary<string, string>(), handler: "SignOutEveryone");
        Assert.Contains("Everyone else was signed out.", await everyone.Content.ReadAsStringAsync());
        await AssertSignedOutAsync(trainer);
        await AssertSignedInAsync(admin); // but the administrator who asked
    }

    // The portal's clock may have been moved by another test: the phone's code is for the portal's time.
    private int ClockSteps() => (int)Math.Round((portal.Clock.GetUtcNow() - DateTimeOffset.UtcNow).TotalSeconds / 30);

    [Fact]
    public async Task An_administrator_resets_a_lost_second_factor_and_the_user_signs_in_with_the_password_again()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using (var rep = await SignedInAsync(email))
        {
            var page = Parser.ParseDocument(await (await rep.GetAsync("/account/authenticator")).Content.ReadAsStringAsync());
            var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
            await (await rep.SubmitAsync("/account/authenticator", new Dictionary<string, string> { ["code"] = Totp.Code(key, ClockSteps()) })).StatusAsync(HttpStatusCode.OK);
        }
        using (var before = new Browser(portal.Factory))
        {
            await before.SignInAsync(email, TestUsers.Password);
            Assert.False(before.HasAuthCookie); // the second step is asked for
        }

        using var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var id = (await SessionsOfAsync(email))[0].UserId;
        var reset = await admin.SubmitAsync($"/admin/users?id={id}", new Dictionary<string, string>(), handler: "ResetSecondFactor");
        Assert.Contains("second factors were removed", await reset.Content.ReadAsStringAsync());
        var self = await admin.SubmitAsync($"/admin/users?id={(await SessionsOfAsync(TestUsers.AdminEmail))[0].UserId}", new Dictionary<string, string>(), handler: "ResetSecondFactor");
        Assert.Contains("You cannot reset your own second factor here", await self.Content.ReadAsStringAsync());

        using var after = await SignedInAsync(email); // password alone again
        await AssertSignedInAsync(after);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking().Where(e => e.Target == email).Select(e => e.Action).ToListAsync();
        Assert.Contains("user.mfa.reset", audit);
    }

    [Fact]
    public async Task A_new_password_ends_the_other_sessions_and_revokes_the_tokens_unless_the_user_keeps_them()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var other = await SignedInAsync(email);
        using var self = await SignedInAsync(email);
        var token = await CreateTokenAsync(self);

        var changed = await self.SubmitAsync("/account/profile",
            new Dictionary<string, string> { ["currentPassword"] = TestUsers.Password, ["newPassword"] = "A brand new passphrase 42" }, handler: "Password");
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync());
        await AssertSignedOutAsync(other);
        await AssertSignedInAsync(self);
        await (await ApiAsync(token, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);

        var kept = await CreateTokenAsync(self);
        await self.SubmitAsync("/account/profile", new Dictionary<string, string>
        {
            ["currentPassword"] = "A brand new passphrase 42", ["newPassword"] = "Another new passphrase 43", ["keepTokens"] = "true",
        }, handler: "Password");
        await AssertSignedInAsync(self);
        await (await ApiAsync(kept, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_profile_lists_the_sessions_and_signs_out_one_or_all_of_them()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var phone = await SignedInAsync(email);
        using var laptop = await SignedInAsync(email);
        using var tablet = await SignedInAsync(email);

        var html = await (await laptop.GetAsync("/account/profile")).Content.ReadAsStringAsync();
        var rows = Parser.ParseDocument(html).QuerySelectorAll("#sessions tbody tr");
        Assert.Equal(3, rows.Length);
        var current = Assert.Single(rows, r => r.TextContent.Contains("This session"));
        var sessions = await SessionsOfAsync(email);
        Assert.Equal(sessions[1].Id, current.GetAttribute("data-session")); // the laptop signed in second

        await laptop.SubmitAsync($"/account/profile?id={sessions[0].Id}", new Dictionary<string, string>(), handler: "EndSession");
        await AssertSignedOutAsync(phone);
        await AssertSignedInAsync(laptop);
        await AssertSignedInAsync(tablet);

        var everywhere = await laptop.SubmitAsync("/account/profile", new Dictionary<string, string>(), handler: "EndAllSessions");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        await AssertSignedOutAsync(laptop);
        await AssertSignedOutAsync(tablet);
        Assert.All(await SessionsOfAsync(email), s => Assert.NotNull(s.EndedUtc));
    }

    [Fact]
    public async Task Another_users_session_cannot_be_signed_out_from_ones_profile()
    {
        var victim = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var victimBrowser = await SignedInAsync(victim);
        var victimSession = (await SessionsOfAsync(victim))[0].Id;
        using var attacker = await SignedInAsync(await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));
        var response = await attacker.SubmitAsync($"/account/profile?id={victimSession}", new Dictionary<string, string>(), handler: "EndSession");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertSignedInAsync(victimBrowser);
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes_and_12_hours_after_sign_in()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using (var idle = await SignedInAsync(email))
        {
            portal.Clock.Advance(TimeSpan.FromMinutes(29));
            await AssertSignedInAsync(idle);
            portal.Clock.Advance(TimeSpan.FromMinutes(31));
            await AssertSignedOutAsync(idle);
        }
        Assert.Equal("idle", (await SessionsOfAsync(email))[0].EndReason);

        using var busy = await SignedInAsync(email);
        // A request every 25 minutes keeps it from idling, until 12 hours are up.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(25))
        {
            await AssertSignedInAsync(busy);
            portal.Clock.Advance(TimeSpan.FromMinutes(25));
        }
        await AssertSignedOutAsync(busy);
        Assert.Equal("expired", (await SessionsOfAsync(email))[1].EndReason);
    }

    [Fact]
    public async Task A_read_token_reads_but_every_write_API_answers_404_like_any_refusal()
    {
        using var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var read = await CreateTokenAsync(admin, scope: "Read");
        var readWrite = await CreateTokenAsync(admin, scope: "ReadWrite");
        await (await ApiAsync(read, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);

        // The same write: the read-write token reaches validation, the read token is refused before it.
        static HttpContent Empty() => new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        await (await ApiAsync(readWrite, HttpMethod.Post, "/api/v1/content", Empty())).StatusAsync(HttpStatusCode.UnprocessableEntity);
        var refused = await ApiAsync(read, HttpMethod.Post, "/api/v1/content", Empty());
        var problem = await refused.JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, (int)problem["status"]!);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // Every write route of the API, whatever its parameters.
        var routes = portal.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Route: e.RoutePattern)))
            .Where(r => r.Method is not ("GET" or "HEAD" or "OPTIONS")).ToList();
        Assert.True(routes.Count >= 8, $"only {routes.Count} write routes found");
        foreach (var (method, route) in routes)
        {
            var url = "/" + string.Join("/", route.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                    parameter.ParameterPolicies.Any(c => c.Content is "int" or "long") ? "1" : parameter.ParameterPolicies.Any(c => c.Content == "guid") ? Guid.Empty.ToString() : "x",
                _ => "",
            }))));
            var response = await ApiAsync(read, new HttpMethod(method), url, Empty());
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_token_expires_after_the_chosen_lifetime_and_the_profile_shows_its_last_use()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var rep = await SignedInAsync(email);
        var standard = await CreateTokenAsync(rep); // 90 days
        var week = await CreateTokenAsync(rep, days: "7");
        await (await ApiAsync(standard, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);
        var html = await (await rep.GetAsync("/account/profile")).Content.ReadAsStringAsync();
        var usedRow = Parser.ParseDocument(html).QuerySelectorAll("#tokens tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Single(cells => cells[1].StartsWith(standard[..10], StringComparison.Ordinal));
        Assert.NotEqual("—", usedRow[5]); // last used
        Assert.Equal("Read and write", usedRow[2]);

        portal.Clock.Advance(TimeSpan.FromDays(8));
        await (await ApiAsync(week, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);
        await (await ApiAsync(standard, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);
        portal.Clock.Advance(TimeSpan.FromDays(83));
        await (await ApiAsync(standard, HttpMethod.Get, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_configured_admin_token_is_kept_and_shown_only_as_a_fingerprint_of_its_hash()
    {
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var record = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().AccessTokens.AsNoTracking().SingleAsync(t => t.Name == "setup");
            Assert.Equal(Services.AccessTokens.Fingerprint(TestUsers.AdminApiToken), record.Prefix);
            Assert.DoesNotContain(TestUsers.AdminApiToken[3..7], record.Prefix); // nothing the operator chose
        }
        using var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var html = await (await admin.GetAsync("/account/profile")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(TestUsers.AdminApiToken[..7], html);
        Assert.Contains(Services.AccessTokens.Fingerprint(TestUsers.AdminApiToken), html);
    }
}

public sealed class SessionTests_Sqlite(SqliteClockedPortal portal) : SessionTests(portal), IClassFixture<SqliteClockedPortal>;

public sealed class SessionTests_Postgres(PostgresClockedPortal portal) : SessionTests(portal), IClassFixture<PostgresClockedPortal>;
