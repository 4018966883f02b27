using System.Net;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Accounts.Tests;

public sealed class SettingsAndResetTests
{
    [Fact]
    public async Task Site_settings_change_the_name_the_default_language_and_anonymous_reading()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/cases")).StatusCode); // anonymous reading is on in tests

        using var admin = new Browser(factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var saved = await admin.SubmitAsync("/admin/settings", new Dictionary<string, string>
        {
            ["SiteName"] = "铁三角学院", ["DefaultCulture"] = "en", ["AnonymousReading"] = "false",
        });
        Assert.Contains("The settings were saved.", await saved.Content.ReadAsStringAsync());

        var redirected = await anonymous.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/account/login", redirected.Headers.Location?.PathAndQuery);
        var login = await (await anonymous.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", login);   // no cookie, no Accept-Language: the site's default
        Assert.Contains("铁三角学院", login);            // the site name in the header
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_e_mailed_link()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false);
        using var browser = new Browser(factory);
        var pickup = Path.Combine(database.DataDirectory, "mail-pickup");

        var unknown = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.com" });
        var known = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = TestUsers.AdminEmail });
        // The same answer either way, so addresses cannot be probed; only the real account gets mail.
        Assert.Contains("If that address has an account, a reset link is on its way.", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("If that address has an account, a reset link is on its way.", await known.Content.ReadAsStringAsync());
        var mail = Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        var text = await File.ReadAllTextAsync(mail);
        Assert.Contains($"To: {TestUsers.AdminEmail}", text);
        // No Portal:PublicUrl in tests: the link is on the address the portal listens on, not the request's host.
        var link = Regex.Match(text, @"http://127\.0\.0\.1:5080(/account/reset-password\?\S+)").Groups[1].Value;
        Assert.NotEmpty(link);

        var reset = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Email"] = TestUsers.AdminEmail, ["Token"] = Uri.UnescapeDataString(Regex.Match(link, "token=([^&]+)").Groups[1].Value),
            ["Password"] = "A fresh deal desk passphrase",
        });
        Assert.Contains("Your password was changed.", await reset.Content.ReadAsStringAsync());

        using var old = new Browser(factory);
        await old.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        Assert.False(old.HasAuthCookie);
        using var fresh = new Browser(factory);
        await fresh.SignInAsync(TestUsers.AdminEmail, "A fresh deal desk passphrase");
        Assert.True(fresh.HasAuthCookie);

        // A link is good once.
        var again = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Email"] = TestUsers.AdminEmail, ["Token"] = Uri.UnescapeDataString(Regex.Match(link, "token=([^&]+)").Groups[1].Value),
            ["Password"] = "Yet another passphrase 99",
        });
        Assert.Contains("This reset link is not valid or has expired", await again.Content.ReadAsStringAsync());
    }
}
