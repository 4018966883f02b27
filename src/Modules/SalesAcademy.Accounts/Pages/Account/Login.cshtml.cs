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

[AllowAnonymous]
public sealed class LoginModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, PortalRateLimits limits, IAuditLog audit, MultiFactorPolicy mfa) : PageModel
{
    /// <summary>Recorded instead of whatever was typed when it is no user's address.</summary>
    public const string UnknownUser = "(unknown user)";

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // Per client address and per account typed (the sign-in policy), on top of Identity's lockout.
        if ((limits.TryAddress(PortalRateLimits.SignIn, HttpContext) ?? limits.TryAccount(PortalRateLimits.SignIn, Email)) is { } wait)
        {
            // What was typed may be a password: only a known user's address is recorded, and nobody is looked up here.
            await audit.RecordAsync("account.signin.throttled", UnknownUser, actor: UnknownUser);
            Errors[""] = "Too many sign-in attempts. Wait a minute and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        var passkeyOnly = user is not null && await PasskeyOnlyAsync(user);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : passkeyOnly ? await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true)
            : await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (passkeyOnly && result.Succeeded)
        {
            // The right password, but this role needs a second factor and the user's only one is a passkey: no session.
            Errors[""] = "Your role requires a second sign-in step: sign in with your passkey.";
            return Page();
        }
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.signin", user!.Email, actor: user.Email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // The password was right; Identity's own cookie remembers the user until the second step.
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl, RememberMe });
        // What was typed may be a password: only a known user's address is recorded.
        await audit.RecordAsync(result.IsLockedOut ? "account.signin.lockedout" : "account.signin.failed", user?.Email ?? UnknownUser, actor: user?.Email ?? UnknownUser);
        // The same message for unknown, wrong and disabled, so accounts cannot be discovered.
        Errors[""] = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "The e-mail address or password is not right.";
        return Page();
    }

    /// <summary>A user who must use a second factor and whose only one is a passkey has no password-plus-code sign-in.</summary>
    private async Task<bool> PasskeyOnlyAsync(PortalUser user) =>
        !await users.GetTwoFactorEnabledAsync(user) && await mfa.IsRequiredForAsync(users, user) && await MultiFactorPolicy.HasSecondFactorAsync(users, user);
}
