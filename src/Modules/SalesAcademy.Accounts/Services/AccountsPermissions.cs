using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

public static class AccountsPermissions
{
    public const string ManageUsers = "users.manage";
    public const string ManagePermissions = "permissions.manage";
    public const string ManageSettings = "settings.manage";
}

internal sealed class AccountsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(AccountsPermissions.ManageUsers, "Create, disable and assign roles to users"),
        new(AccountsPermissions.ManagePermissions, "Change which roles hold which permissions"),
        new(AccountsPermissions.ManageSettings, "Change site settings (name, language, anonymous reading)"),
    ];

    // Administrators hold every permission implicitly; no other role manages the site by default.
    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } = [];
}
