using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>
/// Who sees which insights: a rep only their own (never a ranking of colleagues); a team lead the teams they lead; holders of
/// teams.viewall (trainers, administrators) every team. Whatever a user may not see answers 404.
/// </summary>
public sealed class InsightAccess(IAuthorizationService authorization, ITeamDirectory teams)
{
    /// <summary>The Teams module's "see every team" permission (trainers, administrators), named here rather than referenced.</summary>
    public const string ViewAllTeams = "teams.viewall";

    /// <summary>The teams whose dashboards the user sees: every team (teams.viewall) or those they lead; empty for a rep.</summary>
    public async Task<IReadOnlyList<TeamName>> TeamsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.UserId() is not { Length: > 0 } me) return [];
        if (await authorization.HasPermissionAsync(user, ViewAllTeams)) return await teams.AllTeamsAsync(ct);
        return (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == TeamRoles.Lead).Select(t => new TeamName(t.TeamId, t.TeamName))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The team, when the user may see its dashboard and act on its recommendations; else null (404).</summary>
    public async Task<TeamName?> TeamAsync(ClaimsPrincipal user, string teamId, CancellationToken ct = default) =>
        (await TeamsAsync(user, ct)).FirstOrDefault(t => t.Id == teamId);

    /// <summary>Whether the user sees every team (the trainer and administrator overview).</summary>
    public Task<bool> SeesAllAsync(ClaimsPrincipal user) => authorization.HasPermissionAsync(user, ViewAllTeams);
}
