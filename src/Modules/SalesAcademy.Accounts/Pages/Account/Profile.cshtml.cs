using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>The signed-in user's own page: password and personal access tokens.</summary>
[Authorize]
public sealed class ProfileModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AccessTokens tokens, IAuditLog audit) : PageModel
{
    public PortalUser Me { get; private set; } = null!;
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];
    /// <summary>A token just created: shown once, never again.</summary>
    public string? NewToken { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostPasswordAsync(string currentPassword, string newPassword)
    {
        if (!await LoadAsync()) return NotFound();
        // Changing the password changes the security stamp: the user's other sessions end within a minute.
        var result = await users.ChangePasswordAsync(Me, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) Errors[error.Code] = error.Description;
            return Page();
        }
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync("account.password.changed", Me.Email);
        Message = "Your password was changed. Your other sessions end within a minute.";
        return Page();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(string name)
    {
        if (!await LoadAsync()) return NotFound();
        (_, NewToken) = await tokens.CreateAsync(Me.Id, name);
        await audit.RecordAsync("account.token.created", Me.Email, name);
        Tokens = await tokens.OfUserAsync(Me.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(string id)
    {
        if (!await LoadAsync()) return NotFound();
        if (!await tokens.RevokeAsync(Me.Id, id)) return NotFound(); // not one of the user's active tokens
        await audit.RecordAsync("account.token.revoked", Me.Email, id);
        Tokens = await tokens.OfUserAsync(Me.Id);
        Message = "The token was revoked.";
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } me) return false;
        Me = me;
        Tokens = await tokens.OfUserAsync(me.Id);
        return true;
    }
}
