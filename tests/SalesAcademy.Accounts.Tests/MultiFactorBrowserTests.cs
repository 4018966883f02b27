using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Accounts.Tests;

/// <summary>A portal on a real loopback socket where trainers and administrators must use a second factor.</summary>
public sealed class MfaBrowserPortal() : PortalFixture(DatabaseProvider.Sqlite, realSocket: true, overrides: new Dictionary<string, string?>
{
    ["Accounts:Mfa:RequiredForRoles:0"] = PortalRoles.Administrator,
    ["Accounts:Mfa:RequiredForRoles:1"] = PortalRoles.Trainer,
});

/// <summary>Multi-factor enrolment and sign-in in Debian's Chromium, as a trainer would do them.</summary>
public sealed class MultiFactorBrowserTests(MfaBrowserPortal portal) : ChromiumTestClass, IClassFixture<MfaBrowserPortal>
{
    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/account/logout");
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The login form's password step (Chromium.SignInAsync waits to leave /account/login*, which the second step is not).</summary>
    private static async Task PasswordStepAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Email']").FillAsync(email);
        await page.Locator("input[name='Password']").FillAsync(TestUsers.Password);
        await page.Locator("main form:has(input[name='Password']) button[type='submit']").ClickAsync();
    }

    [Fact]
    public async Task A_trainer_is_sent_to_enrol_an_authenticator_app_and_then_signs_in_with_a_code()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Tara Trainer");
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;

        // Password accepted, but a trainer without a second factor lands on enrolment and cannot leave it.
        await Chromium.SignInAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/account/authenticator$"));
        await Expect(page.Locator("#mfa-required")).ToBeVisibleAsync();
        await page.GotoAsync("/cases");
        await Expect(page).ToHaveURLAsync(new Regex("/account/authenticator$"));

        var qr = page.Locator("main img[alt='QR code of your authenticator key']");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 100, "the QR code image did not load");
        var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "").ToUpperInvariant();
        await Chromium.ScreenshotAsync(page, "mfa-enrolment.png");

        await page.FillAsync("#code", Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify and turn on" }).ClickAsync();
        await Expect(page.Locator(".recovery-code")).ToHaveCountAsync(10);
        var recoveryCode = await page.Locator(".recovery-code").First.InnerTextAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download as a text file" })).ToHaveAttributeAsync("download", "salesacademy-recovery-codes.txt");
        await Chromium.ScreenshotAsync(page, "mfa-recovery-codes.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#authenticator-status")).ToContainTextAsync("On");
        await page.GotoAsync("/cases");
        await Expect(page).ToHaveURLAsync(new Regex("/cases$"));

        // Next time: password, then the code from the app.
        await SignOutAsync(page);
        await PasswordStepAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login-2fa"));
        await page.FillAsync("#code", "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("main .alert-danger")).ToContainTextAsync("That code is not right");
        await page.FillAsync("#code", Totp.Code(key, stepOffset: 1)); // each code once: enrolment used this step's
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("header .sa-account-name")).ToHaveAttributeAsync("title", email); // the display name, the address on hover

        // Or a recovery code, when the phone is lost.
        await SignOutAsync(page);
        await PasswordStepAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lost your phone? Use a recovery code" }).ClickAsync();
        await page.FillAsync("#recovery-code", recoveryCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("header .sa-account-name")).ToHaveAttributeAsync("title", email); // the display name, the address on hover
        await page.GotoAsync("/account/security");
        await Expect(page.Locator("main")).ToContainTextAsync("Recovery codes left: 9");

        // The wrong code above answered 200 with a message; nothing else went wrong on the way.
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task A_trainer_adds_a_passkey_with_a_virtual_authenticator_and_signs_in_with_it()
    {
        var email = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Pia Passkey");
        // WebAuthn needs a domain: the portal is reached as localhost (a secure context over plain HTTP).
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en", hostName: "localhost");
        await using var _ = context;
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await Chromium.SignInAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Regex("/account/authenticator$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a passkey instead" }).ClickAsync();
        await page.FillAsync("#passkey-name", "Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("main .alert-success")).ToContainTextAsync("The passkey was added.");
        await Expect(page.Locator(".passkey-row input[name='name']")).ToHaveValueAsync("Work laptop");
        await page.GotoAsync("/cases");
        await Expect(page).ToHaveURLAsync(new Regex("/cases$")); // a passkey counts as the second factor
        await Chromium.ScreenshotAsync(page, "mfa-passkeys.png");

        await SignOutAsync(page);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.Locator("header .sa-account-name")).ToHaveAttributeAsync("title", email); // the display name, the address on hover
        await page.GotoAsync("/cases");
        await Expect(page).ToHaveURLAsync(new Regex("/cases$"));

        // A password alone is not enough for a trainer whose only second factor is the passkey.
        await SignOutAsync(page);
        await PasswordStepAsync(page, email);
        await Expect(page.Locator("main .alert-danger")).ToContainTextAsync("sign in with your passkey");

        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }
}
