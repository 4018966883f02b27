using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.DrillSessions.Models;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>
/// What one person may do in one session. <see cref="RoleKey"/>: the role they play (null: they play none).
/// <see cref="Runs"/>: the facilitator, a lead of the team, a trainer or an administrator — moves the steps, assigns roles and
/// sees every role's private brief and every submission.
/// </summary>
public sealed record DrillViewer(string UserId, string? RoleKey, bool IsFacilitator, bool Leads)
{
    public bool Runs => IsFacilitator || Leads;
    public bool SeesAllBriefs => Runs;
}

/// <summary>
/// Who may see a session: its participants and facilitator, the team's leads, and holders of teams.viewall (trainers,
/// administrators). Everyone else — a team member who plays no part included — is told nothing exists (404).
/// </summary>
public sealed class DrillSessionAccess(ITeamDirectory teams, IAuthorizationService authorization)
{
    /// <summary>The Teams module's "see every team" permission (trainers, administrators), named here rather than referenced.</summary>
    public const string ViewAllTeams = "teams.viewall";

    public async Task<DrillViewer?> ViewerAsync(ClaimsPrincipal user, DrillSession session, IReadOnlyList<DrillParticipant> participants)
    {
        if (user.UserId() is not { Length: > 0 } me) return null;
        var role = participants.FirstOrDefault(p => p.UserId == me)?.RoleKey;
        var facilitator = session.FacilitatorUserId == me;
        var leads = await LeadsAsync(user, me, session.TeamId);
        if (role is null && !facilitator && !leads) return null;
        return new DrillViewer(me, role, facilitator, leads);
    }

    /// <summary>Whether the user may schedule a session for the team: a lead of it holding drillsessions.schedule, or a trainer / administrator.</summary>
    public async Task<bool> MayScheduleAsync(ClaimsPrincipal user, string teamId) =>
        user.UserId() is { Length: > 0 } me && await authorization.HasPermissionAsync(user, DrillSessionsPermissions.Schedule)
        && await LeadsAsync(user, me, teamId);

    /// <summary>The teams the user may schedule sessions for.</summary>
    public async Task<IReadOnlyList<TeamName>> SchedulableTeamsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.UserId() is not { Length: > 0 } me || !await authorization.HasPermissionAsync(user, DrillSessionsPermissions.Schedule)) return [];
        return await LedTeamsAsync(user, me, ct);
    }

    /// <summary>The teams whose every session the user sees: the teams they lead (every team with teams.viewall).</summary>
    public async Task<IReadOnlyList<TeamName>> LedTeamsAsync(ClaimsPrincipal user, string me, CancellationToken ct = default)
    {
        if (await authorization.HasPermissionAsync(user, ViewAllTeams)) return await teams.AllTeamsAsync(ct);
        return (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == TeamRoles.Lead).Select(t => new TeamName(t.TeamId, t.TeamName)).ToList();
    }

    /// <summary>Leads the team, or sees every team (trainers, administrators).</summary>
    public async Task<bool> LeadsAsync(ClaimsPrincipal user, string userId, string teamId) =>
        await authorization.HasPermissionAsync(user, ViewAllTeams)
        || (await teams.TeamsOfAsync(userId)).Any(t => t.TeamId == teamId && t.TeamRole == TeamRoles.Lead);
}
