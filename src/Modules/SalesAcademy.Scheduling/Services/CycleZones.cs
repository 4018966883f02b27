using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Services;

/// <summary>The time zone a cycle's times are read in: its own, else its first target team's, else the site's.</summary>
public sealed class CycleZones(ITeamDirectory teams, PortalOptions portal)
{
    public async Task<IReadOnlyDictionary<long, TimeZoneInfo>> ForAsync(IReadOnlyCollection<Cycle> cycles, CancellationToken ct = default)
    {
        var teamIds = cycles.Where(c => c.TimeZone is null).SelectMany(c => c.Teams.Select(t => t.TeamId)).Distinct().ToList();
        var teamZones = await teams.TimeZonesAsync(teamIds, ct);
        return cycles.ToDictionary(c => c.Id, c =>
        {
            var id = c.TimeZone
                ?? c.Teams.OrderBy(t => t.TeamId, StringComparer.Ordinal).Select(t => teamZones.GetValueOrDefault(t.TeamId)).FirstOrDefault(z => z is not null)
                ?? portal.TimeZone;
            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(portal.TimeZone);
        });
    }

    public async Task<TimeZoneInfo> ForAsync(Cycle cycle, CancellationToken ct = default) => (await ForAsync([cycle], ct))[cycle.Id];
}
