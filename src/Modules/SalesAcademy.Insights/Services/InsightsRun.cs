using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Services;

/// <summary>What one run of one period did; <paramref name="Milliseconds"/>: time per step (each source by name, "compute", "save").</summary>
public sealed record InsightRunResult(int Teams, int Snapshots, int Values, int WeightsVersion, IReadOnlyDictionary<string, double> Milliseconds);

/// <summary>
/// The insights run for one period and a set of teams: asks every module's <see cref="IInsightSource"/> once for all the
/// teams, computes the snapshots (<see cref="InsightCalculator"/>) with the newest weights, and stores them replacing
/// whatever an earlier run stored for the same teams and period, in one transaction (the unique key backs it up), so running
/// a period again never duplicates it.
/// </summary>
public sealed class InsightsRun(InsightsDbContext db, IEnumerable<IInsightSource> sources, ITeamDirectory teams, IUserDirectory users,
    DatabaseWriteGate gate, TimeProvider clock, ILogger<InsightsRun> log)
{
    public async Task<InsightRunResult> RunAsync(IReadOnlyCollection<string> teamIds, DateTime fromUtc, DateTime toUtc, long? runId, CancellationToken ct)
    {
        if (toUtc <= fromUtc) throw new ArgumentException("The period must end after it starts.", nameof(toUtc));
        var ids = teamIds.Distinct(StringComparer.Ordinal).ToList();
        var query = await QueryAsync(ids, fromUtc, toUtc, ct);
        var records = new List<InsightRecord>();
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        void Lap(string step)
        {
            times[step] = times.GetValueOrDefault(step) + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        Lap("members");
        foreach (var source in sources)
        {
            records.AddRange(await source.MeasureAsync(query, ct));
            Lap(source.Name);
        }
        var weightsRow = await db.Weights.AsNoTracking().OrderByDescending(w => w.Version).FirstOrDefaultAsync(ct);
        var (version, weights) = weightsRow is null ? (1, IndexWeights.Default) : (weightsRow.Version, IndexWeights.Parse(weightsRow.WeightsJson) ?? IndexWeights.Default);
        var goals = await db.Goals.AsNoTracking()
            .Where(g => ids.Contains(g.TeamId) && g.PeriodStartUtc < toUtc && (g.PeriodEndUtc == null || g.PeriodEndUtc > fromUtc)).ToListAsync(ct);
        var snapshots = InsightCalculator.Compute(query, records, version, weights, goals, runId, clock.GetUtcNow().UtcDateTime);
        Lap("compute");
        await ReplaceAsync(ids, fromUtc, snapshots, ct);
        Lap("save");
        log.LogDebug("Insights run {From:u}..{To:u}: {Times}", fromUtc, toUtc, string.Join(", ", times.Select(t => $"{t.Key} {t.Value:0} ms")));
        return new InsightRunResult(query.Teams.Count, snapshots.Count, snapshots.Sum(s => s.Values.Count), version, times);
    }

    /// <summary>The teams as the sources see them: every member with their user name (Comments and Content key on it).</summary>
    private async Task<InsightQuery> QueryAsync(List<string> ids, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var memberships = await teams.MembersAsync(ids, ct);
        var userIds = memberships.Select(m => m.UserId).Distinct(StringComparer.Ordinal).ToList();
        var directory = userIds.Count == 0 ? new Dictionary<string, DirectoryUser>() : await users.ByIdsAsync(userIds, ct);
        var byTeam = memberships.ToLookup(m => m.TeamId);
        return new InsightQuery(fromUtc, toUtc, ids.Select(id => new InsightTeam(id,
            byTeam[id].Select(m => m.UserId).Distinct(StringComparer.Ordinal)
                .Select(u => new InsightMember(u, directory.TryGetValue(u, out var user) ? user.UserName : "")).ToList())).ToList());
    }

    private async Task ReplaceAsync(List<string> teamIds, DateTime fromUtc, List<InsightSnapshot> snapshots, CancellationToken ct)
    {
        using (await gate.EnterAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var old = db.Snapshots.Where(s => teamIds.Contains(s.TeamId) && s.PeriodStartUtc == fromUtc);
            await db.Values.Where(v => old.Select(s => s.Id).Contains(v.SnapshotId)).ExecuteDeleteAsync(ct);
            await old.ExecuteDeleteAsync(ct);
            db.Snapshots.AddRange(snapshots);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
    }
}
