using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Services;

/// <summary>What one person may do in one retro: take part (members, leads, trainers, administrators) and facilitate.</summary>
public sealed record RetroViewer(string UserId, bool Facilitates);

/// <summary>
/// Who may see and run a team's retros: the team's members and leads, and holders of teams.viewall (trainers, administrators).
/// Everyone else is told nothing exists (404). The facilitator is the starter, a lead of the team, or a trainer / administrator.
/// </summary>
public sealed class RetroAccess(ITeamDirectory teams, IAuthorizationService authorization)
{
    /// <summary>The Teams module's "see every team" permission (trainers, administrators), named here rather than referenced.</summary>
    public const string ViewAllTeams = "teams.viewall";

    public async Task<RetroViewer?> ViewerAsync(ClaimsPrincipal user, Retro retro)
    {
        if (user.UserId() is not { Length: > 0 } me || !await teams.CanSeeTeamDataAsync(user, retro.TeamId)) return null;
        var facilitates = retro.StartedByUserId == me || await LeadsAsync(user, me, retro.TeamId);
        return new RetroViewer(me, facilitates);
    }

    /// <summary>Whether the user may start a retro for the team: a lead of it holding retros.facilitate, or a trainer / administrator.</summary>
    public async Task<bool> MayStartAsync(ClaimsPrincipal user, string teamId) =>
        user.UserId() is { Length: > 0 } me && await authorization.HasPermissionAsync(user, RetrosPermissions.Facilitate)
        && await teams.CanSeeTeamDataAsync(user, teamId) && await LeadsAsync(user, me, teamId);

    /// <summary>The teams the user may start a retro for.</summary>
    public async Task<IReadOnlyList<TeamName>> StartableTeamsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.UserId() is not { Length: > 0 } me || !await authorization.HasPermissionAsync(user, RetrosPermissions.Facilitate)) return [];
        if (await authorization.HasPermissionAsync(user, ViewAllTeams)) return await teams.AllTeamsAsync(ct);
        return (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == TeamRoles.Lead).Select(t => new TeamName(t.TeamId, t.TeamName)).ToList();
    }

    /// <summary>The teams whose retros and actions the user sees.</summary>
    public async Task<IReadOnlyList<TeamName>> VisibleTeamsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.UserId() is not { Length: > 0 } me) return [];
        if (await authorization.HasPermissionAsync(user, ViewAllTeams)) return await teams.AllTeamsAsync(ct);
        return (await teams.TeamsOfAsync(me)).Select(t => new TeamName(t.TeamId, t.TeamName)).ToList();
    }

    /// <summary>Leads the team, or sees every team (trainers, administrators).</summary>
    public async Task<bool> LeadsAsync(ClaimsPrincipal user, string userId, string teamId) =>
        await authorization.HasPermissionAsync(user, ViewAllTeams)
        || (await teams.TeamsOfAsync(userId)).Any(t => t.TeamId == teamId && t.TeamRole == TeamRoles.Lead);
}
