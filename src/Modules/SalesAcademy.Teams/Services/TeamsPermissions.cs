using SalesAcademy.Core.Security;

namespace SalesAcademy.Teams.Services;

public static class TeamsPermissions
{
    public const string Manage = "teams.manage";
    public const string ViewAll = "teams.viewall";
}

internal sealed class TeamsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(TeamsPermissions.Manage, "Create teams, add and remove members, set team roles"),
        new(TeamsPermissions.ViewAll, "See every team's members and data, not only one's own teams"),
    ];

    // Trainers coach every team; managing teams stays with administrators until the admin grants it (e.g. to team leads).
    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } = [(PortalRoles.Trainer, TeamsPermissions.ViewAll)];
}
