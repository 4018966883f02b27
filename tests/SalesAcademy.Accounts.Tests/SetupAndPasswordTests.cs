using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Accounts.Tests;

public sealed class SetupTests
{
    /// <summary>Starts a portal with the settings and returns what stopped it.</summary>
    private static async Task<string> StartFailsAsync(Dictionary<string, string?> overrides)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: overrides);
        return Assert.ThrowsAny<Exception>(() => factory.StartServer()).ToString();
    }

    [Fact]
    public async Task A_configured_administrator_password_that_is_too_short_stops_start_up_naming_the_setting()
    {
        var error = await StartFailsAsync(new() { ["Portal:Setup:AdminPassword"] = "Zq9!x" });
        Assert.Contains("Setting Portal:Setup:AdminPassword must have at least 8 characters; it has 5.", error);
        Assert.DoesNotContain("Zq9!x", error); // the password itself is not repeated
    }

    [Fact]
    public async Task A_configured_setup_with_several_bad_values_names_each_setting()
    {
        var error = await StartFailsAsync(new() { ["Portal:Setup:AdminEmail"] = "not an address", ["Portal:Setup:AdminApiToken"] = "too-short-token", ["Portal:Setup:DefaultCulture"] = "fr" });
        Assert.Contains("Setting Portal:Setup:AdminEmail is 'not an address', which is not an e-mail address.", error);
        Assert.Contains("Setting Portal:Setup:AdminApiToken: The API token must have at least 32 characters.", error);
        Assert.Contains("Setting Portal:Setup:DefaultCulture: Choose zh-CN or en.", error);
    }

    [Fact]
    public async Task A_data_folder_the_portal_cannot_create_stops_start_up_naming_the_setting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sa-not-a-folder-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "");
        try
        {
            var error = await StartFailsAsync(new() { ["Portal:DataDir"] = Path.Combine(file, "data") });
            Assert.Contains($"Setting Portal:DataDir is '{Path.Combine(file, "data")}', which the portal cannot create or write", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_new_site_shows_setup_first_then_the_administrator_can_sign_in()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, overrides: new Dictionary<string, string?>
        {
            ["Portal:Setup:AdminEmail"] = null, ["Portal:Setup:AdminPassword"] = null, ["Portal:Setup:AdminApiToken"] = null,
        });
        using var browser = new Browser(factory);

        var home = await browser.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode); // monitoring works before setup

        var mismatch = await browser.SubmitAsync("/setup", Form("owner@example.com", "Deal desk 2026 iron", "Deal desk 2026 irony"));
        Assert.Contains("The two passwords differ.", await mismatch.Content.ReadAsStringAsync());
        var common = await browser.SubmitAsync("/setup", Form("owner@example.com", "password", "password"));
        Assert.Contains("most common passwords", await common.Content.ReadAsStringAsync());

        var done = await browser.SubmitAsync("/setup", Form("owner@example.com", "Deal desk 2026 iron", "Deal desk 2026 iron"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.True(browser.HasAuthCookie); // the new administrator is signed in
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users")).StatusCode);
        Assert.Equal("/", (await browser.GetAsync("/setup")).Headers.Location?.OriginalString); // setup runs once

        using var again = new Browser(factory);
        await again.SignInAsync("owner@example.com", "Deal desk 2026 iron");
        Assert.True(again.HasAuthCookie);
    }

    private static Dictionary<string, string> Form(string email, string password, string confirm) => new()
    {
        ["Input.SiteName"] = "Iron Triangle Academy", ["Input.DefaultCulture"] = "zh-CN",
        ["Input.AdminEmail"] = email, ["Input.AdminPassword"] = password, ["ConfirmPassword"] = confirm,
    };

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?> { ["RateLimits:SignIn:PerAddress"] = "3" });
        using var browser = new Browser(factory);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync("nobody@example.com", "wrong password " + i)).StatusCode);
        var limited = await browser.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.False(browser.HasAuthCookie);
    }
}

public sealed class PasswordRuleTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Theory]
    [InlineData("seven77", "PasswordTooShort")]                     // under 8 characters
    [InlineData("password", "PasswordTooCommon")]                   // on the common-password list
    [InlineData("Baseball", "PasswordTooCommon")]                   // case does not help
    [InlineData("iloveyou", "PasswordTooCommon")]
    [InlineData("1qaz2wsx3edc", "PasswordTooCommon")]               // from the breach list, not Openwall's
    [InlineData("SalesAcademy2026!", "PasswordIsContextWord")]     // the product, with digits and punctuation
    [InlineData("Trainer 12345", "PasswordIsContextWord")]         // a role
    [InlineData("pat.lee@example.com", "PasswordIsName")]          // the user's own e-mail
    [InlineData(null, "PasswordTooLong")]                           // 129 characters
    public async Task Weak_passwords_are_refused_with_a_reason(string? password, string code)
    {
        password ??= new string('x', 64) + new string('y', 65);
        var result = await CreateAsync(password);
        Assert.Contains(code, result.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("98765zqx")]                                        // 8 characters, no composition rules
    [InlineData("correct horse battery staple")]
    [InlineData("客户经理、解决方案经理与交付经理")]                  // any characters
    public async Task Long_or_uncommon_passwords_are_accepted(string password)
    {
        var result = await CreateAsync(password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task A_64_character_password_is_accepted()
    {
        Assert.True((await CreateAsync(string.Concat(Enumerable.Repeat("iron-triangle-", 5))[..64])).Succeeded);
    }

    [Fact]
    public async Task The_sites_own_name_is_refused_as_a_password()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?> { ["Portal:Setup:SiteName"] = "Deal Desk" });
        var result = await CreateAsync(factory, "Deal-Desk 2026");
        Assert.Contains("PasswordIsContextWord", result.Errors.Select(e => e.Code));
        Assert.True((await CreateAsync(factory, "Deal Desk of the north 2026")).Succeeded); // more than the name
    }

    private Task<IdentityResult> CreateAsync(string password) => CreateAsync(portal.Factory, password);

    private static async Task<IdentityResult> CreateAsync(PortalFactory factory, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = password == "pat.lee@example.com" ? password : $"p{Guid.NewGuid():N}"[..12] + "@example.com";
        return await users.CreateAsync(new PortalUser { UserName = email, Email = email, DisplayName = "Pat Lee", CreatedUtc = DateTime.UtcNow }, password);
    }
}
