using SalesAcademy.Core.Security;

namespace SalesAcademy.DrillSessions;

/// <summary>
/// Who may schedule drill sessions. Taking part needs no permission: the session's participants and facilitator, the team's
/// leads, trainers and administrators see a session; everyone else gets 404.
/// </summary>
public static class DrillSessionsPermissions
{
    /// <summary>See the Drill sessions link in the header.</summary>
    public const string Take = "drillsessions.take";
    /// <summary>Schedule sessions for a team one leads (every team with teams.viewall).</summary>
    public const string Schedule = "drillsessions.schedule";
}

internal sealed class DrillSessionsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(DrillSessionsPermissions.Take, "See your drill sessions in the header"),
        new(DrillSessionsPermissions.Schedule, "Schedule drill sessions for the teams you lead (every team with teams.viewall)"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Rep, DrillSessionsPermissions.Take),
        (PortalRoles.TeamLead, DrillSessionsPermissions.Take),
        (PortalRoles.Trainer, DrillSessionsPermissions.Take),
        (PortalRoles.TeamLead, DrillSessionsPermissions.Schedule),
        (PortalRoles.Trainer, DrillSessionsPermissions.Schedule),
    ];
}
