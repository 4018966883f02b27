using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Data;

namespace SalesAcademy.Teams.Services;

/// <summary>The Teams module's answer to <see cref="ITeamDirectory"/>.</summary>
internal sealed class TeamDirectory(OnDemand<TeamsDbContext> data, IAuthorizationService authorization, PortalOptions portal) : ITeamDirectory
{
    // Injected into services that often answer from their own caches: the context is rented when a question needs it.
    private TeamsDbContext Db => data.Value;

    public async Task<IReadOnlyDictionary<string, string>> TimeZonesAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default) =>
        teamIds.Count == 0 ? new Dictionary<string, string>() : await Db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.TimeZone }).ToDictionaryAsync(t => t.Id, t => t.TimeZone ?? portal.TimeZone, ct);

    public async Task<IReadOnlyList<TeamName>> AllTeamsAsync(CancellationToken ct = default) =>
        await Db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamName(t.Id, t.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<TeamMembership>> TeamsOfAsync(string userId) =>
        await Db.Members.AsNoTracking().Where(m => m.UserId == userId)
            .Join(Db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { t.Id, t.Name, m.TeamRole })
            .OrderBy(x => x.Name)
            .Select(x => new TeamMembership(x.Id, x.Name, x.TeamRole))
            .ToListAsync();

    public async Task<IReadOnlyList<string>> MemberIdsAsync(IReadOnlyCollection<string> teamIds) =>
        teamIds.Count == 0 ? [] : await Db.Members.AsNoTracking().Where(m => teamIds.Contains(m.TeamId)).Select(m => m.UserId).Distinct().ToListAsync();

    public async Task<IReadOnlyList<TeamMemberRole>> MembersAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default) =>
        teamIds.Count == 0 ? [] : await Db.Members.AsNoTracking().Where(m => teamIds.Contains(m.TeamId))
            .Select(m => new TeamMemberRole(m.TeamId, m.UserId, m.TeamRole)).ToListAsync(ct);

    public async Task<bool> CanSeeTeamDataAsync(ClaimsPrincipal user, string teamId)
    {
        if (user.Identity?.IsAuthenticated != true || !await Db.Teams.AnyAsync(t => t.Id == teamId)) return false;
        if (await authorization.HasPermissionAsync(user, TeamsPermissions.ViewAll)) return true;
        var userId = user.UserId();
        return userId is not null && await Db.Members.AnyAsync(m => m.TeamId == teamId && m.UserId == userId);
    }
}
