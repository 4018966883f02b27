using SalesAcademy.Core.Security;

namespace SalesAcademy.Scheduling;

public static class SchedulingPermissions
{
    /// <summary>Create, change, pause, resume and run any team's cycles; retry their failed runs (trainers, administrators).</summary>
    public const string Manage = "cycles.manage";
    /// <summary>The same for the cycles whose every target team one leads (team leads).</summary>
    public const string ManageTeam = "cycles.manage.team";
}

internal sealed class SchedulingPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(SchedulingPermissions.Manage, "Create, change, pause, resume and run any team's scheduled cycles; retry failed runs"),
        new(SchedulingPermissions.ManageTeam, "The same for the cycles of the teams you lead"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Trainer, SchedulingPermissions.Manage),
        (PortalRoles.TeamLead, SchedulingPermissions.ManageTeam),
    ];
}
