using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>The signed-in user's own page: password, sign-in sessions and personal access tokens.</summary>
[Authorize]
public sealed class ProfileModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AccessTokens tokens, UserSessions sessions, IAuditLog audit) : PageModel
{
    public PortalUser Me { get; private set; } = null!;
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];
    /// <summary>The session of this browser, marked "this session" in the list.</summary>
    public string? CurrentSessionId { get; private set; }
    /// <summary>A token just created: shown once, never again.</summary>
    public string? NewToken { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostPasswordAsync(string currentPassword, string newPassword, bool keepTokens)
    {
        if (!await LoadAsync()) return NotFound();
        var result = await users.ChangePasswordAsync(Me, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) Errors[error.Code] = error.Description;
            return Page();
        }
        // Whoever else holds a session or a token may be the reason for the change: they all end now, but this session.
        await sessions.EndAllAsync(Me.Id, "password-changed", keep: CurrentSessionId);
        if (!keepTokens) await tokens.RevokeAllAsync(Me.Id, "password-changed");
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync("account.password.changed", Me.Email, keepTokens ? "access tokens kept" : null);
        Message = keepTokens ? "Your password was changed. Your other sessions were signed out." : "Your password was changed. Your other sessions were signed out and your access tokens revoked.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(string name, TokenScope scope, int days = AccessTokens.DefaultLifetimeDays)
    {
        if (!await LoadAsync()) return NotFound();
        if (!AccessTokens.LifetimeDays.Contains(days) || !Enum.IsDefined(scope))
        {
            Errors["token"] = "Choose one of the offered lifetimes and scopes.";
            return Page();
        }
        (var record, NewToken) = await tokens.CreateAsync(Me.Id, name, scope, days);
        await audit.RecordAsync("account.token.created", Me.Email, $"{record.Name} ({scope}, {days} days)");
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

    /// <summary>Signs out one of the user's sessions (another device, or this one).</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(string id)
    {
        if (!await LoadAsync()) return NotFound();
        if (id == CurrentSessionId)
        {
            await signIn.SignOutAsync();
            return Redirect("/account/login");
        }
        if (!await sessions.EndAsync(Me.Id, id, "signout-remote")) return NotFound(); // not one of the user's open sessions
        Message = "The session was signed out.";
        await LoadAsync();
        return Page();
    }

    /// <summary>Ends every session of the user, this one included.</summary>
    public async Task<IActionResult> OnPostEndAllSessionsAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await sessions.EndAllAsync(Me.Id, "signout-everywhere");
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } me) return false;
        Me = me;
        CurrentSessionId = UserSessions.IdOf(User);
        Tokens = await tokens.OfUserAsync(me.Id);
        Sessions = await sessions.ActiveOfUserAsync(me.Id);
        return true;
    }
}
