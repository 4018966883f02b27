using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Management;

/// <summary>The teams whose cycles a user may manage: every team (null) or those they lead.</summary>
public sealed record CycleScope(IReadOnlySet<string>? Teams)
{
    public bool Everything => Teams is null;

    /// <summary>A cycle is the user's when they may manage every one of its target teams (a lead changing a shared cycle would change another team's).</summary>
    public bool Covers(Cycle cycle) => Covers(cycle.Teams.Select(t => t.TeamId).ToList());

    public bool Covers(IReadOnlyCollection<string> teamIds) => Teams is null || teamIds.Count > 0 && teamIds.All(Teams.Contains);
}

/// <summary>
/// Who may manage which cycles: <see cref="SchedulingPermissions.Manage"/> any team's, <see cref="SchedulingPermissions.ManageTeam"/>
/// those whose every target team the user leads (the team role <see cref="TeamRoles.Lead"/> in the Teams directory).
/// Pages and the API ask it before each read and write; a cycle outside the scope answers 404.
/// </summary>
public sealed class CycleAccess(IAuthorizationService authorization, ITeamDirectory teams)
{
    /// <summary>Null when the user may manage no cycle at all.</summary>
    public async Task<CycleScope?> ScopeAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (await authorization.HasPermissionAsync(user, SchedulingPermissions.Manage)) return new CycleScope(null);
        if (!await authorization.HasPermissionAsync(user, SchedulingPermissions.ManageTeam) || user.UserId() is not { } me) return null;
        var led = (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == TeamRoles.Lead).Select(t => t.TeamId);
        return new CycleScope(led.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The teams the user may target, by name.</summary>
    public async Task<IReadOnlyList<TeamName>> TeamsAsync(CycleScope scope, CancellationToken ct = default) =>
        (await teams.AllTeamsAsync(ct)).Where(t => scope.Teams is null || scope.Teams.Contains(t.Id)).ToList();
}
