using Microsoft.EntityFrameworkCore;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Services;

/// <summary>One stored measure of a snapshot (see <see cref="InsightValue"/>); <see cref="Value"/> null = withheld.</summary>
public sealed record InsightValueView(string Measure, string Dimension, double? Value, double Numerator, double Denominator, int Inputs,
    string? WithheldReason);

/// <summary>A snapshot with its values, ordered by measure then dimension.</summary>
public sealed record InsightSnapshotView(long Id, InsightScope Scope, string TeamId, string? UserId, DateTime PeriodStartUtc,
    DateTime PeriodEndUtc, long? RunId, int WeightsVersion, DateTime ComputedUtc, IReadOnlyList<InsightValueView> Values)
{
    /// <summary>The value of one measure and dimension, or null when the snapshot has none.</summary>
    public InsightValueView? Find(string measure, string dimension = "") =>
        Values.FirstOrDefault(v => v.Measure == measure && v.Dimension == dimension);

    /// <summary>Every value of one measure (e.g. mastery by tag), by dimension.</summary>
    public IReadOnlyList<InsightValueView> All(string measure) => Values.Where(v => v.Measure == measure).ToList();
}

/// <summary>A version of the index weights, parsed (<see cref="Weights"/> null only if the stored JSON was damaged).</summary>
public sealed record WeightsVersionView(int Version, IndexWeights? Weights, string Note, string? CreatedByUserId, DateTime CreatedUtc);

/// <summary>
/// The read side of the insights module: what the dashboards, /about/metrics and the API read. It checks no permission:
/// the caller decides who may see which team or rep (a rep only themselves, never a ranking of colleagues).
/// Periods are returned oldest first, so they plot as a trend.
/// </summary>
public sealed class InsightSnapshots(InsightsDbContext db)
{
    /// <summary>A team's own snapshots (not its reps'), oldest first; optionally only periods starting at or after <paramref name="fromUtc"/>.</summary>
    public Task<IReadOnlyList<InsightSnapshotView>> TeamAsync(string teamId, DateTime? fromUtc = null, CancellationToken ct = default) =>
        LoadAsync(db.Snapshots.Where(s => s.Scope == InsightScope.Team && s.TeamId == teamId
            && (fromUtc == null || s.PeriodStartUtc >= fromUtc)), ct);

    /// <summary>One rep's snapshots across periods, oldest first: every team they were measured in, or only <paramref name="teamId"/>.</summary>
    public Task<IReadOnlyList<InsightSnapshotView>> RepAsync(string userId, string? teamId = null, DateTime? fromUtc = null, CancellationToken ct = default) =>
        LoadAsync(db.Snapshots.Where(s => s.Scope == InsightScope.Rep && s.UserId == userId
            && (teamId == null || s.TeamId == teamId) && (fromUtc == null || s.PeriodStartUtc >= fromUtc)), ct);

    /// <summary>The reps' snapshots of a team for one period (the team lead's view of its members).</summary>
    public Task<IReadOnlyList<InsightSnapshotView>> MembersAsync(string teamId, DateTime periodStartUtc, CancellationToken ct = default) =>
        LoadAsync(db.Snapshots.Where(s => s.Scope == InsightScope.Rep && s.TeamId == teamId && s.PeriodStartUtc == periodStartUtc), ct);

    /// <summary>The latest team snapshot of each given team (one query plus its values); teams without one are left out.</summary>
    public async Task<IReadOnlyList<InsightSnapshotView>> LatestOfTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default)
    {
        var latest = await db.Snapshots.AsNoTracking()
            .Where(s => s.Scope == InsightScope.Team && teamIds.Contains(s.TeamId))
            .GroupBy(s => s.TeamId).Select(g => g.Max(s => s.PeriodStartUtc)).ToListAsync(ct);
        if (latest.Count == 0) return [];
        var all = await LoadAsync(db.Snapshots.Where(s => s.Scope == InsightScope.Team && teamIds.Contains(s.TeamId) && latest.Contains(s.PeriodStartUtc)), ct);
        return all.GroupBy(s => s.TeamId).Select(g => g.MaxBy(s => s.PeriodStartUtc)!).ToList();
    }

    /// <summary>The start of the latest period the team has a snapshot for; null when never computed.</summary>
    public async Task<DateTime?> LatestPeriodAsync(string teamId, CancellationToken ct = default) =>
        await db.Snapshots.AsNoTracking().Where(s => s.Scope == InsightScope.Team && s.TeamId == teamId)
            .MaxAsync(s => (DateTime?)s.PeriodStartUtc, ct);

    /// <summary>One snapshot by id, or null.</summary>
    public async Task<InsightSnapshotView?> FindAsync(long id, CancellationToken ct = default) =>
        (await LoadAsync(db.Snapshots.Where(s => s.Id == id), ct)).FirstOrDefault();

    /// <summary>Every weights version, newest first.</summary>
    public async Task<IReadOnlyList<WeightsVersionView>> WeightsVersionsAsync(CancellationToken ct = default) =>
        (await db.Weights.AsNoTracking().OrderByDescending(w => w.Version).ToListAsync(ct)).Select(ToView).ToList();

    /// <summary>The newest weights version (what the next run uses).</summary>
    public async Task<WeightsVersionView> CurrentWeightsAsync(CancellationToken ct = default)
    {
        var row = await db.Weights.AsNoTracking().OrderByDescending(w => w.Version).FirstOrDefaultAsync(ct);
        return row is null ? new WeightsVersionView(1, IndexWeights.Default, "Default weights", null, DateTime.MinValue) : ToView(row);
    }

    /// <summary>A team's goals, newest period first.</summary>
    public async Task<IReadOnlyList<TeamGoal>> GoalsAsync(string teamId, CancellationToken ct = default) =>
        await db.Goals.AsNoTracking().Where(g => g.TeamId == teamId).OrderByDescending(g => g.PeriodStartUtc).ThenBy(g => g.Id).ToListAsync(ct);

    private static WeightsVersionView ToView(MetricWeights w) => new(w.Version, IndexWeights.Parse(w.WeightsJson), w.Note, w.CreatedByUserId, w.CreatedUtc);

    private async Task<IReadOnlyList<InsightSnapshotView>> LoadAsync(IQueryable<InsightSnapshot> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Include(s => s.Values).OrderBy(s => s.PeriodStartUtc).ThenBy(s => s.UserId).ToListAsync(ct);
        return rows.Select(s => new InsightSnapshotView(s.Id, s.Scope, s.TeamId, s.UserId, s.PeriodStartUtc, s.PeriodEndUtc, s.RunId,
            s.WeightsVersion, s.ComputedUtc,
            s.Values.OrderBy(v => v.Measure, StringComparer.Ordinal).ThenBy(v => v.Dimension, StringComparer.Ordinal)
                .Select(v => new InsightValueView(v.Measure, v.Dimension, v.Value, v.Numerator, v.Denominator, v.Inputs, v.WithheldReason)).ToList()))
            .ToList();
    }
}
