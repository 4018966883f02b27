using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Pages.Admin;

[Authorize(Policy = "perm:" + AccountsPermissions.ManageUsers)]
public sealed class UsersModel(UserManager<PortalUser> users, UserSessions sessions, IAuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(PortalUser User, IList<string> Roles)> Rows { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string email, string displayName, string role, string password)
    {
        if (!PortalRoles.All.Contains(role)) Errors["role"] = "Choose one of the roles.";
        else
        {
            var user = new PortalUser
            {
                UserName = email?.Trim(), Email = email?.Trim(), EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(displayName) ? (email ?? "").Split('@')[0] : displayName.Trim(),
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, password ?? "");
            if (result.Succeeded)
            {
                await users.AddToRoleAsync(user, role);
                await audit.RecordAsync("user.created", user.Email, $"role {role}");
                Message = "The user was created.";
            }
            else foreach (var error in result.Errors) Errors[error.Code] = error.Description;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role)
    {
        if (await users.FindByIdAsync(id) is not { } user || !PortalRoles.All.Contains(role)) return NotFound();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(PortalRoles.Administrator) && role != PortalRoles.Administrator && await IsLastAdministratorAsync(user))
            Errors["role"] = "The last administrator cannot lose the Administrator role.";
        else
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role);
            await users.UpdateSecurityStampAsync(user); // the new role applies to open sessions within a minute
            await audit.RecordAsync("user.role.changed", user.Email, $"{string.Join(",", current)} -> {role}");
            Message = "The role was changed.";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, bool disabled)
    {
        if (await users.FindByIdAsync(id) is not { } user) return NotFound();
        if (disabled && user.Id == users.GetUserId(User)) Errors["disable"] = "You cannot disable yourself.";
        else
        {
            user.Disabled = disabled;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            // Sessions end at once on every node; tokens of a disabled user are refused at once too.
            if (disabled) await sessions.EndAllAsync(user.Id, "disabled");
            await audit.RecordAsync(disabled ? "user.disabled" : "user.enabled", user.Email);
            Message = disabled ? "The user was disabled." : "The user was enabled.";
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Ends every session of the user at once, on every node (ASVS 7.4.5); their tokens stay.</summary>
    public async Task<IActionResult> OnPostSignOutAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user) return NotFound();
        await sessions.EndAllAsync(user.Id, "admin");
        Message = "The user was signed out everywhere.";
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// A user who lost their app, recovery codes and passkeys: once the administrator has checked who they are (in
    /// person or as when the account was made), every second factor goes and the user enrols again (ASVS 6.4.4).
    /// </summary>
    public async Task<IActionResult> OnPostResetSecondFactorAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user) return NotFound();
        if (user.Id == users.GetUserId(User)) Errors["mfa"] = "You cannot reset your own second factor here; use Sign-in security.";
        else
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            if (users.SupportsUserPasskey)
                foreach (var passkey in await users.GetPasskeysAsync(user)) await users.RemovePasskeyAsync(user, passkey.CredentialId);
            await sessions.EndAllAsync(user.Id, "mfa-reset");
            await audit.RecordAsync("user.mfa.reset", user.Email);
            Message = "The user's second factors were removed; they enrol again at their next sign-in.";
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Ends the sessions of every user but the administrator who asks (for example after a suspected leak).</summary>
    public async Task<IActionResult> OnPostSignOutEveryoneAsync()
    {
        await sessions.EndEveryoneElseAsync(users.GetUserId(User)!);
        Message = "Everyone else was signed out.";
        await LoadAsync();
        return Page();
    }

    private async Task<bool> IsLastAdministratorAsync(PortalUser user) =>
        (await users.GetUsersInRoleAsync(PortalRoles.Administrator)).All(u => u.Id == user.Id || u.Disabled);

    // One query per role (there are four), not one per user.
    private async Task LoadAsync()
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var roleOf = new Dictionary<string, List<string>>();
        foreach (var role in PortalRoles.All)
        foreach (var member in await users.GetUsersInRoleAsync(role))
        {
            if (!roleOf.TryGetValue(member.Id, out var list)) roleOf[member.Id] = list = [];
            list.Add(role);
        }
        Rows = all.Select(u => (u, (IList<string>)(roleOf.GetValueOrDefault(u.Id) ?? []))).ToList();
    }
}
