using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<PortalUser> users, UserSessions sessions, AccessTokens tokens, IAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public Dictionary<string, string> Errors { get; } = [];
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByEmailAsync(Email.Trim());
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token)); }
        catch (FormatException) { token = ""; }
        var result = user is null || user.Disabled ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "Invalid token." })
            : await users.ResetPasswordAsync(user, token, Password);
        if (result.Succeeded)
        {
            // Whoever made the reset necessary loses every session and token at once.
            await sessions.EndAllAsync(user!.Id, "password-reset");
            await tokens.RevokeAllAsync(user.Id, "password-reset");
            await audit.RecordAsync("account.password.reset", user.Email, actor: user.Email);
            Done = true;
            return Page();
        }
        foreach (var error in result.Errors)
            Errors[error.Code] = error.Code == "InvalidToken" ? "This reset link is not valid or has expired; ask for a new one." : error.Description;
        return Page();
    }
}
