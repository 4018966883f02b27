using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Insights;
using SalesAcademy.Pulses.Data;

namespace SalesAcademy.Pulses.Insights;

/// <summary>
/// The Pulses module's measures for the insights run: per team and dimension, the mean answer of the pulses closed in the
/// period, with the fewest respondents of those pulses as its inputs (the run withholds a dimension below 3), and how many
/// members answered. Team-level only: answers are anonymous and nothing left after closing says who answered.
/// </summary>
internal sealed class PulseInsightSource(PulsesDbContext db) : IInsightSource
{
    public string Name => "pulses";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var teamIds = query.Teams.Select(t => t.TeamId).ToList();
        var pulses = await db.Pulses.AsNoTracking()
            .Where(p => teamIds.Contains(p.TeamId) && p.ClosedUtc >= query.FromUtc && p.ClosedUtc < query.ToUtc)
            .Select(p => new { p.Id, p.TeamId, p.Respondents }).ToListAsync(ct);
        if (pulses.Count == 0) return [];
        var ids = pulses.Select(p => p.Id).ToList();
        var sums = await db.Answers.AsNoTracking().Where(a => ids.Contains(a.PulseId))
            .GroupBy(a => new { a.PulseId, a.DimensionKey })
            .Select(g => new { g.Key.PulseId, g.Key.DimensionKey, Sum = g.Sum(a => a.Value), Count = g.Count() }).ToListAsync(ct);
        var members = query.Teams.ToDictionary(t => t.TeamId, t => t.Members.Count);
        var records = new List<InsightRecord>();
        foreach (var team in pulses.GroupBy(p => p.TeamId))
        {
            var respondents = team.ToDictionary(p => p.Id, p => p.Respondents);
            foreach (var dimension in sums.Where(s => respondents.ContainsKey(s.PulseId)).GroupBy(s => s.DimensionKey))
                records.Add(new(team.Key, InsightMeasureKeys.Pulse, dimension.Key, null, dimension.Sum(s => s.Sum), dimension.Sum(s => s.Count),
                    dimension.Min(s => respondents[s.PulseId])));
            records.Add(new(team.Key, InsightMeasureKeys.ParticipationPulse, "", null, team.Sum(p => p.Respondents),
                members[team.Key] * team.Count(), team.Sum(p => p.Respondents)));
        }
        return records;
    }
}
