using SalesAcademy.Core.Security;

namespace SalesAcademy.Insights;

/// <summary>Who may set a team's goals: its leads (holding insights.goals), trainers and administrators.</summary>
public static class InsightsPermissions
{
    /// <summary>Record and change the goals of the teams one leads (every team with teams.viewall).</summary>
    public const string Goals = "insights.goals";
}

internal sealed class InsightsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(InsightsPermissions.Goals, "Set the goals of the teams you lead (every team with teams.viewall)"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.TeamLead, InsightsPermissions.Goals),
        (PortalRoles.Trainer, InsightsPermissions.Goals),
    ];
}
