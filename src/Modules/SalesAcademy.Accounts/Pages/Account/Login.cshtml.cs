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
public sealed class LoginModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, PortalRateLimits limits, IAuditLog audit) : PageModel
{
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
            await audit.RecordAsync("account.signin.throttled", Email, actor: Email);
            Errors[""] = "Too many sign-in attempts. Wait a minute and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.signin", user!.Email, actor: user.Email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        await audit.RecordAsync(result.IsLockedOut ? "account.signin.lockedout" : "account.signin.failed", Email, actor: Email);
        // The same message for unknown, wrong and disabled, so accounts cannot be discovered.
        Errors[""] = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "The e-mail address or password is not right.";
        return Page();
    }
}
