using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Audit.Data;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Accounts.Tests;

/// <summary>A private portal where a second factor is required for administrators and trainers (as in production).</summary>
public abstract class MfaPortal(DatabaseProvider provider) : PortalFixture(provider, overrides: new Dictionary<string, string?>
{
    ["Portal:Setup:AnonymousReading"] = "false",
    ["Accounts:SessionCheckSeconds"] = "0",
    ["Accounts:Mfa:RequiredForRoles:0"] = PortalRoles.Administrator,
    ["Accounts:Mfa:RequiredForRoles:1"] = PortalRoles.Trainer,
});

public sealed class SqliteMfaPortal() : MfaPortal(DatabaseProvider.Sqlite);

public sealed class PostgresMfaPortal() : MfaPortal(DatabaseProvider.Postgres);

/// <summary>Authenticator apps, recovery codes, the second sign-in step and enforcement for the required roles.</summary>
public abstract class MultiFactorTests(MfaPortal portal)
{
    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static async Task<IHtmlDocument> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in, enrols an authenticator app through the pages and returns its key and the recovery codes shown.</summary>
    /// <summary>A new user of <paramref name="role"/> who has enrolled an authenticator app (the enrolling browser is closed).</summary>
    private async Task<(string Email, string Key, string[] RecoveryCodes)> EnrolledAsync(string role)
    {
        var email = await TestUsers.CreateAsync(portal.Factory, role);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, email);
        var (key, codes) = await EnrolAsync(browser);
        return (email, key, codes);
    }

    private async Task<(string Key, string[] RecoveryCodes)> EnrolAsync(Browser browser)
    {
        var page = await PageAsync(browser, "/account/authenticator");
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var done = await browser.SubmitAsync("/account/authenticator", new Dictionary<string, string> { ["code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var codes = Parse(await done.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-code").Select(li => li.TextContent.Trim()).ToArray();
        return (key, codes);
    }

    private async Task<List<string>> AuditActionsAsync(string email)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
            .Where(e => e.Target == email).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    private async Task<T> WithUserAsync<T>(string email, Func<UserManager<PortalUser>, PortalUser, Task<T>> action)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await action(users, (await users.FindByEmailAsync(email))!);
    }

    private static Task<HttpResponseMessage> SecondStepAsync(Browser browser, string code, string? handler = null) =>
        browser.SubmitAsync("/account/login-2fa", handler is null
            ? new Dictionary<string, string> { ["code"] = code }
            : new Dictionary<string, string> { ["recoveryCode"] = code }, handler);

    [Fact]
    public async Task A_rep_enrols_an_authenticator_app_and_then_signs_in_with_password_and_code()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, email))
        {
            var page = await PageAsync(browser, "/account/authenticator");
            Assert.Null(page.QuerySelector("#mfa-required")); // offered, not required, for reps
            Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", page.QuerySelector("#shared-key")!.TextContent);
            var qr = await browser.GetAsync(page.QuerySelector("main img")!.GetAttribute("src")!);
            Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);
            // No inline script or style on the page (the Content-Security-Policy allows neither).
            Assert.Empty(page.QuerySelectorAll("script:not([src]), [style]"));

            var wrongKey = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
            var wrong = await browser.SubmitAsync("/account/authenticator", new Dictionary<string, string> { ["code"] = Totp.Code(wrongKey, stepOffset: 40) });
            Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
            Assert.False(await WithUserAsync(email, (u, user) => u.GetTwoFactorEnabledAsync(user)));

            var (key, codes) = await EnrolAsync(browser);
            Assert.Equal(wrongKey, key); // the key stays until the app is verified
            Assert.Equal(10, codes.Distinct().Count());
            Assert.True(await WithUserAsync(email, (u, user) => u.GetTwoFactorEnabledAsync(user)));
            // The session that enrolled goes on (its cookie was renewed with the new security stamp).
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/security")).StatusCode);
        }

        var keyOfUser = await WithUserAsync(email, (u, user) => u.GetAuthenticatorKeyAsync(user));
        using var next = new Browser(portal.Factory);
        var afterPassword = await next.SignInAsync(email, TestUsers.Password, "/cases");
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/account/login-2fa", afterPassword.Headers.Location!.OriginalString);
        Assert.False(next.HasAuthCookie); // a password alone is no session
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/cases")).StatusCode);

        var signedIn = await next.SubmitAsync(afterPassword.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["code"] = Totp.Code(keyOfUser!, stepOffset: 1), ["ReturnUrl"] = "/cases" }); // the enrolment used this step's code
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/cases", signedIn.Headers.Location?.OriginalString);
        Assert.True(next.HasAuthCookie);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/cases")).StatusCode);
        var actions = await AuditActionsAsync(email);
        Assert.Contains("account.mfa.enabled", actions);
        Assert.Equal("account.signin", actions[^1]);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_audited_and_counts_towards_lockout()
    {
        var (email, key, _) = await EnrolledAsync(PortalRoles.Rep);

        using var next = new Browser(portal.Factory);
        await next.SignInAsync(email, TestUsers.Password);
        var wrong = await SecondStepAsync(next, Totp.Code(key, stepOffset: -40));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        Assert.False(next.HasAuthCookie);
        Assert.Equal(1, await WithUserAsync(email, (u, user) => u.GetAccessFailedCountAsync(user)));
        Assert.Contains("account.mfa.failed", await AuditActionsAsync(email));

        for (var i = 0; i < 4; i++) await SecondStepAsync(next, "000000");
        var locked = await SecondStepAsync(next, Totp.Code(key));
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync());
        Assert.False(next.HasAuthCookie);
        Assert.True(await WithUserAsync(email, (u, user) => u.IsLockedOutAsync(user)));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_a_wrong_one_counts_as_a_failure()
    {
        var (email, _, codes) = await EnrolledAsync(PortalRoles.TeamLead);

        using (var first = new Browser(portal.Factory))
        {
            await first.SignInAsync(email, TestUsers.Password);
            var wrong = await SecondStepAsync(first, "not-a-code", "Recovery");
            Assert.Contains("That recovery code is not right", await wrong.Content.ReadAsStringAsync());
            Assert.Equal(1, await WithUserAsync(email, (u, user) => u.GetAccessFailedCountAsync(user)));
            var used = await SecondStepAsync(first, codes[3], "Recovery");
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.True(first.HasAuthCookie);
        }
        Assert.Equal(9, await WithUserAsync(email, (u, user) => u.CountRecoveryCodesAsync(user)));
        Assert.Contains("account.mfa.recovery-code.used", await AuditActionsAsync(email));

        using var second = new Browser(portal.Factory);
        await second.SignInAsync(email, TestUsers.Password);
        var again = await SecondStepAsync(second, codes[3], "Recovery");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That recovery code is not right or was already used.", await again.Content.ReadAsStringAsync());
        Assert.False(second.HasAuthCookie);
    }

    [Fact]
    public async Task A_remembered_device_skips_the_second_step_and_another_device_does_not()
    {
        var (email, key, _) = await EnrolledAsync(PortalRoles.Rep);

        using var device = new Browser(portal.Factory);
        await device.SignInAsync(email, TestUsers.Password);
        var remembered = await device.SubmitAsync("/account/login-2fa", new Dictionary<string, string> { ["code"] = Totp.Code(key, stepOffset: 1), ["RememberDevice"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, remembered.StatusCode);
        await device.SubmitAsync("/account/logout", new Dictionary<string, string>());
        Assert.False(device.HasAuthCookie);
        Assert.Equal("/", (await device.SignInAsync(email, TestUsers.Password)).Headers.Location?.OriginalString);
        Assert.True(device.HasAuthCookie);

        using var other = new Browser(portal.Factory);
        Assert.StartsWith("/account/login-2fa", (await other.SignInAsync(email, TestUsers.Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Turning_the_app_off_needs_a_current_code_or_the_password()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, email);
        var (key, _) = await EnrolAsync(browser);

        var refused = await browser.SubmitAsync("/account/security", new Dictionary<string, string> { ["password"] = "not my password" }, "Disable");
        Assert.Contains("That code or password is not right.", await refused.Content.ReadAsStringAsync());
        Assert.True(await WithUserAsync(email, (u, user) => u.GetTwoFactorEnabledAsync(user)));

        // Each code is accepted once (the enrolment used this step's): the next step's code, then the password.
        var renewed = await browser.SubmitAsync("/account/security", new Dictionary<string, string> { ["code"] = Totp.Code(key, stepOffset: 1) }, "RecoveryCodes");
        Assert.Equal(10, Parse(await renewed.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-code").Length);

        var off = await browser.SubmitAsync("/account/security", new Dictionary<string, string> { ["password"] = TestUsers.Password }, "Disable");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await WithUserAsync(email, (u, user) => u.GetTwoFactorEnabledAsync(user)));
        Assert.Equal(0, await WithUserAsync(email, (u, user) => u.CountRecoveryCodesAsync(user)));
        var actions = await AuditActionsAsync(email);
        Assert.Contains("account.mfa.disabled", actions);
        Assert.Contains("account.mfa.recovery-codes.renewed", actions);
        // The session that turned it off goes on, and the password alone signs in again.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/security")).StatusCode);
        using var next = new Browser(portal.Factory);
        Assert.Equal("/", (await next.SignInAsync(email, TestUsers.Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_hashed_and_each_redeems_once()
    {
        var (email, _, codes) = await EnrolledAsync(PortalRoles.Rep);
        Assert.Equal(10, codes.Length);

        string stored;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var userId = (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).Id;
            stored = (await db.UserTokens.AsNoTracking().SingleAsync(t => t.UserId == userId && t.LoginProvider == "[AspNetUserStore]" && t.Name == "RecoveryCodes")).Value!;
        }
        Assert.Equal(10, stored.Split(';').Length);
        foreach (var code in codes) Assert.DoesNotContain(code, stored);

        Assert.True((await WithUserAsync(email, (u, user) => u.RedeemTwoFactorRecoveryCodeAsync(user, codes[5]))).Succeeded);
        Assert.Equal(9, await WithUserAsync(email, (u, user) => u.CountRecoveryCodesAsync(user)));
        Assert.False((await WithUserAsync(email, (u, user) => u.RedeemTwoFactorRecoveryCodeAsync(user, codes[5]))).Succeeded);
        Assert.True((await WithUserAsync(email, (u, user) => u.RedeemTwoFactorRecoveryCodeAsync(user, codes[0]))).Succeeded);
        Assert.Equal(8, await WithUserAsync(email, (u, user) => u.CountRecoveryCodesAsync(user)));
    }

    [Fact]
    public async Task Recovery_codes_stored_in_plain_text_before_hashing_still_redeem_once()
    {
        var (email, _, _) = await EnrolledAsync(PortalRoles.Rep);
        // What Identity's own store wrote before this portal hashed the codes.
        await WithUserAsync(email, async (u, user) =>
            (await u.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes", "AAAAA-11111;BBBBB-22222")).Succeeded);

        Assert.True((await WithUserAsync(email, (u, user) => u.RedeemTwoFactorRecoveryCodeAsync(user, "BBBBB-22222"))).Succeeded);
        Assert.Equal(1, await WithUserAsync(email, (u, user) => u.CountRecoveryCodesAsync(user)));
        Assert.False((await WithUserAsync(email, (u, user) => u.RedeemTwoFactorRecoveryCodeAsync(user, "BBBBB-22222"))).Succeeded);
        Assert.False((await WithUserAsync(email, (u, user) => u.RedeemTwoFactorRecoveryCodeAsync(user, "AAAAA-1111"))).Succeeded);
    }

    [Fact]
    public async Task An_authenticator_code_is_accepted_only_once()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, email);
        var key = (await PageAsync(browser, "/account/authenticator")).QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var enrolmentCode = Totp.Code(key);
        var enrolled = await browser.SubmitAsync("/account/authenticator", new Dictionary<string, string> { ["code"] = enrolmentCode });
        Assert.Equal(10, Parse(await enrolled.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-code").Length);

        // The code that turned the app on does not confirm anything else (here: new recovery codes).
        var replayed = await browser.SubmitAsync("/account/security", new Dictionary<string, string> { ["code"] = enrolmentCode }, "RecoveryCodes");
        Assert.Empty(Parse(await replayed.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-code"));

        // A code of the next step signs in once; the same code at the next sign-in is refused.
        var code = Totp.Code(key, stepOffset: 1);
        using (var first = new Browser(portal.Factory))
        {
            await first.SignInAsync(email, TestUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(first, code)).StatusCode);
            Assert.True(first.HasAuthCookie);
        }
        using var second = new Browser(portal.Factory);
        await second.SignInAsync(email, TestUsers.Password);
        var again = await SecondStepAsync(second, code);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That code is not right", await again.Content.ReadAsStringAsync());
        Assert.False(second.HasAuthCookie);
        // Nor does it turn the app off.
        var off = await browser.SubmitAsync("/account/security", new Dictionary<string, string> { ["code"] = code }, "Disable");
        Assert.Contains("That code or password is not right.", await off.Content.ReadAsStringAsync());
        Assert.True(await WithUserAsync(email, (u, user) => u.GetTwoFactorEnabledAsync(user)));
    }

    [Theory]
    [InlineData(PortalRoles.Trainer)]
    [InlineData(PortalRoles.Administrator)]
    public async Task A_trainer_or_administrator_without_a_second_factor_can_only_enrol(string role)
    {
        var email = await TestUsers.CreateAsync(portal.Factory, role);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, email);
        foreach (var url in new[] { "/", "/cases", "/account/profile", "/studio", "/admin/users" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/authenticator", response.Headers.Location?.OriginalString);
        }
        var enrolment = await PageAsync(browser, "/account/authenticator");
        Assert.NotNull(enrolment.QuerySelector("#mfa-required"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/security")).StatusCode); // passkeys are an alternative

        // The API's bearer tokens are not gated (a token is made by a user who was already let in).
        string token;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
            (_, token) = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, "ci");
        }
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me"))
        {
            request.Headers.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }
        // The cookie of a user who must enrol first gets the API's 403 problem (the shape of every API error), not the enrolment page.
        var gated = await browser.GetAsync("/api/v1/search?q=crm");
        Assert.Equal(HttpStatusCode.Forbidden, gated.StatusCode);
        Assert.Equal("application/problem+json", gated.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await gated.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc7231#section-6.5.3", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));

        await EnrolAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cases")).StatusCode);
    }

    [Fact]
    public async Task A_rep_is_not_required_to_enrol()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cases")).StatusCode);
    }

    [Fact]
    public async Task A_trainer_whose_only_second_factor_is_a_passkey_cannot_sign_in_with_the_password_alone()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer);
        await WithUserAsync(email, async (users, user) =>
        {
            var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow, 0,
                ["internal"], isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [0xa0], clientDataJson: [0x7b, 0x7d]) { Name = "Laptop" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
            return true;
        });
        using var browser = new Browser(portal.Factory);
        var response = await browser.SignInAsync(email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sign in with your passkey", await response.Content.ReadAsStringAsync());
        Assert.False(browser.HasAuthCookie);
        // A wrong password still gets the usual answer (and counts).
        var wrong = await browser.SignInAsync(email, "not the password at all");
        Assert.Contains("The e-mail address or password is not right.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(1, await WithUserAsync(email, (u, user) => u.GetAccessFailedCountAsync(user)));
    }
}

/// <summary>Start-up checks of the MFA options.</summary>
public sealed class MfaOptionsTests
{
    [Fact]
    public async Task A_required_role_that_does_not_exist_stops_the_portal_at_start()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?>
        {
            ["Accounts:Mfa:RequiredForRoles:0"] = "Administrators", // a typo must not silently turn enforcement off
        });
        var error = Assert.ThrowsAny<Exception>(() => factory.StartServer());
        Assert.Contains("Accounts:Mfa:RequiredForRoles", error.ToString());
    }
}

public sealed class MultiFactorTests_Sqlite(SqliteMfaPortal portal) : MultiFactorTests(portal), IClassFixture<SqliteMfaPortal>;

public sealed class MultiFactorTests_Postgres(PostgresMfaPortal portal) : MultiFactorTests(portal), IClassFixture<PostgresMfaPortal>;
