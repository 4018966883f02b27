using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Accounts.Tests;

/// <summary>Sign-in, lockout, sessions and access tokens on a site where reading needs signing in.</summary>
public abstract class SignInTests(PrivatePortal portal)
{
    private const string Password = "Solution manager at the table 7";

    /// <summary>A new user of the given role, created as an administrator would.</summary>
    private async Task<string> NewUserAsync(string role = PortalRoles.Rep) => (await TestUsers.NewAsync(portal.Factory, role, "Test rep", Password)).Email!;

    private async Task WithUserAsync(string email, Func<UserManager<PortalUser>, PortalUser, Task> action)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await action(users, (await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task An_anonymous_reader_is_sent_to_sign_in_and_comes_back_after()
    {
        using var browser = new Browser(portal.Factory);
        var response = await browser.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fcases", response.Headers.Location?.PathAndQuery);

        var signIn = await browser.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword, "/cases");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/cases", signIn.Headers.Location?.OriginalString);
        var page = await browser.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(TestUsers.AdminEmail, html);
        Assert.Contains("href=\"/admin/users\"", html);
    }

    [Fact]
    public async Task A_wrong_password_gets_the_same_message_as_an_unknown_address_and_no_session()
    {
        var email = await NewUserAsync();
        using var browser = new Browser(portal.Factory);
        var wrong = await (await browser.SignInAsync(email, "not the password at all")).Content.ReadAsStringAsync();
        var unknown = await (await browser.SignInAsync("nobody@salesacademy.test", "not the password at all")).Content.ReadAsStringAsync();
        Assert.Contains("The e-mail address or password is not right.", wrong);
        Assert.Contains("The e-mail address or password is not right.", unknown);
        Assert.False(browser.HasAuthCookie);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var email = await NewUserAsync();
        using var browser = new Browser(portal.Factory);
        for (var i = 0; i < 5; i++) await browser.SignInAsync(email, "wrong password " + i);
        var locked = await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync());
        Assert.False(browser.HasAuthCookie);
    }

    [Fact]
    public async Task A_login_post_without_an_antiforgery_token_is_refused()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TestUsers.AdminEmail, ["Password"] = TestUsers.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_on_the_users_page_ends_their_session_refuses_their_token_and_stops_new_sign_ins()
    {
        var email = await NewUserAsync();
        using var browser = new Browser(portal.Factory);
        await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/cases")).StatusCode);
        string id = "", token = "", resetToken = "";
        await WithUserAsync(email, async (users, user) =>
        {
            id = user.Id;
            await using var scope = portal.Factory.Services.CreateAsyncScope();
            (_, token) = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, "ci");
            resetToken = await users.GeneratePasswordResetTokenAsync(user); // a reset link mailed before the user was disabled
        });
        using var api = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        async Task<HttpStatusCode> CallAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
            request.Headers.Authorization = new("Bearer", token);
            return (await api.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await CallAsync());

        // The administrator disables the user through the page's Disable handler, as a person would.
        using var admin = new Browser(portal.Factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var disabled = await admin.SubmitAsync($"/admin/users?id={id}", new Dictionary<string, string> { ["disabled"] = "true" }, handler: "Disable");
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Contains("The user was disabled.", await disabled.Content.ReadAsStringAsync());

        var after = await browser.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode); // back to sign-in: the session is over
        Assert.StartsWith("/account/login", after.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync()); // the token of a disabled user is refused at once
        // A new security stamp: whatever was bound to the old one (reset links, remembered devices) stops working.
        await WithUserAsync(email, async (users, user) =>
            Assert.False(await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, resetToken)));
        using var again = new Browser(portal.Factory);
        await again.SignInAsync(email, Password);
        Assert.False(again.HasAuthCookie);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_users_other_sessions()
    {
        var email = await NewUserAsync();
        using var other = new Browser(portal.Factory);
        await other.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/cases")).StatusCode);

        using var self = new Browser(portal.Factory);
        await self.SignInAsync(email, Password);
        var changed = await self.SubmitAsync("/account/profile",
            new Dictionary<string, string> { ["currentPassword"] = Password, ["newPassword"] = "A brand new passphrase 42" }, handler: "Password");
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/cases")).StatusCode); // this session was renewed
    }

    [Fact]
    public async Task Access_tokens_authenticate_API_calls_until_revoked_and_are_stored_hashed()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/cases"))
        {
            request.Headers.Authorization = new("Bearer", TestUsers.AdminApiToken); // configured at setup
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        var email = await NewUserAsync();
        string token, id;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<AccessTokens>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            (var record, token) = await tokens.CreateAsync(user.Id, "ci");
            id = record.Id;
            Assert.NotEqual(token, record.Hash);
            Assert.Equal(AccessTokens.Hash(token), record.Hash);
            Assert.Equal(token[..10], record.Prefix); // only a short prefix is kept in clear, to tell tokens apart
            Assert.True(token.Length >= 40);
        }
        async Task<HttpStatusCode> CallAsync(string bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
            request.Headers.Authorization = new("Bearer", bearer);
            return (await client.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token + "x"));

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.False(await scope.ServiceProvider.GetRequiredService<AccessTokens>().RevokeAsync("someone-else", id));
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccessTokens>().RevokeAsync(user.Id, id));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
    }

    [Fact]
    public async Task Admin_pages_look_like_missing_pages_to_a_rep_and_open_for_an_administrator()
    {
        var email = await NewUserAsync(PortalRoles.Rep);
        using var rep = new Browser(portal.Factory);
        await rep.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync("/admin/permissions")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/users\"", await (await rep.GetAsync("/cases")).Content.ReadAsStringAsync());

        using var admin = new Browser(portal.Factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var users = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains(email, await users.Content.ReadAsStringAsync());
    }
}

public sealed class SignInTests_Sqlite(SqlitePrivatePortal portal) : SignInTests(portal), IClassFixture<SqlitePrivatePortal>;

public sealed class SignInTests_Postgres(PostgresPrivatePortal portal) : SignInTests(portal), IClassFixture<PostgresPrivatePortal>;
