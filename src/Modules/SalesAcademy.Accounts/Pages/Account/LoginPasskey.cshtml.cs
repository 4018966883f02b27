using SalesAcademy.Core.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>
/// Sign-in with a passkey (the login page's "Sign in with a passkey" form posts here). A passkey proves possession
/// and the authenticator's user verification at once, so it is a complete multi-factor sign-in.
/// </summary>
[AllowAnonymous]
public sealed class LoginPasskeyModel(SignInManager<PortalUser> signIn, PortalRateLimits limits, IAuditLog audit) : PageModel
{
    public enum Problem { None, Failed, LockedOut, Throttled }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public Problem Error { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Account/Login", new { ReturnUrl });

    /// <summary>WebAuthn request options for navigator.credentials.get (no user named: the authenticator offers its passkeys).</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        if (limits.TryAddress(PortalRateLimits.SignIn, HttpContext) is not null) return StatusCode(StatusCodes.Status429TooManyRequests);
        return Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");
    }

    public async Task<IActionResult> OnPostAsync(string? credentialJson)
    {
        if (limits.TryAddress(PortalRateLimits.SignIn, HttpContext) is not null)
        {
            Error = Problem.Throttled;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (string.IsNullOrEmpty(credentialJson))
        {
            Error = Problem.Failed;
            return Page();
        }
        var result = await signIn.PasskeySignInAsync(credentialJson);
        if (result.Succeeded)
        {
            var user = await PasskeyOwnerAsync(credentialJson);
            await audit.RecordAsync("account.signin", user?.Email, "passkey", actor: user?.Email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        await audit.RecordAsync(result.IsLockedOut ? "account.signin.lockedout" : "account.signin.failed", null, "passkey", actor: "anonymous");
        Error = result.IsLockedOut ? Problem.LockedOut : Problem.Failed;
        return Page();
    }

    // The request's principal is still anonymous: the owner is found by the credential id the browser sent.
    private async Task<PortalUser?> PasskeyOwnerAsync(string credentialJson)
    {
        using var json = System.Text.Json.JsonDocument.Parse(credentialJson);
        return json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } text
            ? await signIn.UserManager.FindByPasskeyIdAsync(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(text))
            : null;
    }
}
