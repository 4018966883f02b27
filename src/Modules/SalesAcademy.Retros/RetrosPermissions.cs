using SalesAcademy.Core.Security;

namespace SalesAcademy.Retros;

/// <summary>
/// Who may start retrospectives. Taking part needs no permission: a team's members, its leads, trainers and administrators
/// see the team's retros (<see cref="ITeamDirectory.CanSeeTeamDataAsync"/>); everyone else gets 404.
/// </summary>
public static class RetrosPermissions
{
    /// <summary>See the Retros link in the header. Taking part in a team's retro needs membership, not this permission.</summary>
    public const string Take = "retros.take";
    /// <summary>Start a retrospective for a team one leads (every team with teams.viewall) and read the retro templates.</summary>
    public const string Facilitate = "retros.facilitate";
}

internal sealed class RetrosPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(RetrosPermissions.Take, "See the retrospectives of your teams in the header"),
        new(RetrosPermissions.Facilitate, "Start and facilitate retrospectives for the teams you lead (every team with teams.viewall)"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Rep, RetrosPermissions.Take),
        (PortalRoles.TeamLead, RetrosPermissions.Take),
        (PortalRoles.Trainer, RetrosPermissions.Take),
        (PortalRoles.TeamLead, RetrosPermissions.Facilitate),
        (PortalRoles.Trainer, RetrosPermissions.Facilitate),
    ];
}
