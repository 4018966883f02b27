using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>Enrolment of an authenticator app (TOTP): the shared key as text and QR code, then a code to prove it works.</summary>
[Authorize]
public sealed class AuthenticatorModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signIn, MultiFactorPolicy policy, ISiteSettings site, IAuditLog audit) : PageModel
{
    public PortalUser Me { get; private set; } = null!;
    public string SharedKey { get; private set; } = "";
    /// <summary>The user's role requires a second factor and they have none yet.</summary>
    public bool Required { get; private set; }
    public bool AlreadyEnabled { get; private set; }
    public bool WrongCode { get; private set; }
    /// <summary>Shown once, right after the app was verified.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    /// <summary>The QR code of the key URI, as a PNG from this site (no data: URI, no inline script or style).</summary>
    public async Task<IActionResult> OnGetQrCodeAsync()
    {
        if (!await LoadAsync() || AlreadyEnabled) return NotFound();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(await KeyUriAsync(), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return File(png, "image/png");
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (!await LoadAsync()) return NotFound();
        if (AlreadyEnabled) return RedirectToPage("/Account/Security");
        var valid = await users.VerifyTwoFactorTokenAsync(Me, users.Options.Tokens.AuthenticatorTokenProvider, MultiFactorPolicy.NormalizeCode(code));
        if (!valid)
        {
            WrongCode = true;
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(Me, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, MultiFactorPolicy.RecoveryCodeCount))!.ToList();
        // The security stamp changed: a new cookie for this session (carrying the enrolled claim); other sessions end.
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync("account.mfa.enabled", Me.Email, "authenticator app");
        AlreadyEnabled = true;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        // The key and the recovery codes are secrets: never kept by a cache.
        Response.Headers.CacheControl = "no-store";
        if (await users.GetUserAsync(User) is not { } me) return false;
        Me = me;
        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(me);
        Required = await policy.IsRequiredForAsync(users, me) && !await MultiFactorPolicy.HasSecondFactorAsync(users, me);
        if (!AlreadyEnabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(me);
            if (string.IsNullOrEmpty(key))
            {
                // A new key changes the security stamp: this session gets a renewed cookie (others end).
                await users.ResetAuthenticatorKeyAsync(me);
                await signIn.RefreshSignInAsync(me);
                key = await users.GetAuthenticatorKeyAsync(me);
            }
            SharedKey = key!;
        }
        return true;
    }

    private async Task<string> KeyUriAsync()
    {
        var name = (await site.GetAsync())?.SiteName;
        return MultiFactorPolicy.AuthenticatorUri(string.IsNullOrEmpty(name) ? "SalesAcademy" : name, Me.Email!, SharedKey);
    }
}
