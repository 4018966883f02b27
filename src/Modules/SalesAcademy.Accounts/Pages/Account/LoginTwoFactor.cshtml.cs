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
/// The second sign-in step after a correct password: a code from the authenticator app or a recovery code.
/// Identity keeps who passed the first step in its own short-lived cookie; wrong codes count towards lockout.
/// </summary>
[AllowAnonymous]
public sealed class LoginTwoFactorModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, PortalRateLimits limits, IAuditLog audit) : PageModel
{
    public enum Problem { None, WrongCode, WrongRecoveryCode, LockedOut, Throttled }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }
    [BindProperty] public bool RememberDevice { get; set; }
    /// <summary>Show the recovery-code form instead of the app-code form.</summary>
    [BindProperty(SupportsGet = true)] public bool Recovery { get; set; }
    public Problem Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Account/Login", new { ReturnUrl });
        if (limits.TryAddress(PortalRateLimits.SignIn, HttpContext) is not null) return Throttled();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(MultiFactorPolicy.NormalizeCode(code), RememberMe, RememberDevice);
        if (result.Succeeded) return await SignedInAsync(user, "authenticator app");
        await audit.RecordAsync("account.mfa.failed", user.Email, "wrong authenticator code", actor: user.Email);
        Error = result.IsLockedOut ? Problem.LockedOut : Problem.WrongCode;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync(string? recoveryCode)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Account/Login", new { ReturnUrl });
        Recovery = true;
        if (limits.TryAddress(PortalRateLimits.SignIn, HttpContext) is not null) return Throttled();
        if (await users.IsLockedOutAsync(user))
        {
            Error = Problem.LockedOut;
            return Page();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync((recoveryCode ?? "").Replace(" ", ""));
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.mfa.recovery-code.used", user.Email, $"{await users.CountRecoveryCodesAsync(user)} left", actor: user.Email);
            return await SignedInAsync(user, "recovery code");
        }
        // Identity does not count wrong recovery codes; they count here like wrong app codes.
        await users.AccessFailedAsync(user);
        await audit.RecordAsync("account.mfa.failed", user.Email, "wrong recovery code", actor: user.Email);
        Error = await users.IsLockedOutAsync(user) ? Problem.LockedOut : Problem.WrongRecoveryCode;
        return Page();
    }

    private async Task<IActionResult> SignedInAsync(PortalUser user, string how)
    {
        await audit.RecordAsync("account.signin", user.Email, how, actor: user.Email);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private PageResult Throttled()
    {
        Error = Problem.Throttled;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
