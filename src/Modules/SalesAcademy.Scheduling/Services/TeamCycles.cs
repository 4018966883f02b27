using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Scheduling.Cadence;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Management;

namespace SalesAcademy.Scheduling.Services;

/// <summary>The Scheduling module's answer to <see cref="ITeamCycles"/>.</summary>
internal sealed class TeamCycles(SchedulingDbContext db, Cycles cycles, CycleZones zones, CycleAccess access, CycleBoard board,
    IStringLocalizer<SchedulingModule> t) : ITeamCycles
{
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, string teamId, CancellationToken ct = default) =>
        await access.ScopeAsync(user) is { } scope && scope.Covers([teamId]);

    public async Task<IReadOnlyList<CycleSummary>> ForTeamAsync(string teamId, CancellationToken ct = default)
    {
        var ids = await db.CycleTeams.AsNoTracking().Where(c => c.TeamId == teamId).Select(c => c.CycleId).ToListAsync(ct);
        var list = await db.Cycles.AsNoTracking().Include(c => c.Teams).Where(c => ids.Contains(c.Id)).OrderBy(c => c.Title).ToListAsync(ct);
        var zoneOf = await zones.ForAsync(list, ct);
        var text = new CadenceText(t);
        var result = new List<CycleSummary>();
        foreach (var cycle in list)
            result.Add(new CycleSummary(cycle.Id, cycle.Kind, text.Describe(cycle), zoneOf[cycle.Id].Id, cycle.Active, await cycles.NextFireUtcAsync(cycle, ct),
                cycle.Title, board.KindName(cycle.Kind)));
        return result;
    }
}
