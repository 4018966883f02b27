using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Scheduling.Cadence;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Services;

/// <summary>What one tick did: runs created for due fire times, and phases handed to their kinds.</summary>
public sealed record DispatchResult(int RunsCreated, int PhasesRun);

/// <summary>
/// The scheduler's one job, run every <see cref="SchedulingOptions.TickSeconds"/> by Quartz (on one node of a cluster at
/// a time) and safe to run on several at once: it creates the run of every active cycle whose fire time has come, then
/// hands each due phase (open, remind, close) to the cycle's kind. Every step is idempotent on its own: a run is a
/// unique (cycle, fire time) row, and a phase is claimed by a conditional update before it runs. All times come from
/// <see cref="TimeProvider"/>, so tests drive whole cycles on a fake clock.
///
/// Misfires: fire times missed while no node ran (downtime) are made up by ONE run, for the latest of them, marked
/// <see cref="RunTrigger.CatchUp"/>; its open window starts when it opens. Fire times while a cycle was paused, or
/// before it was created or its cadence changed, are never made up.
/// </summary>
public sealed class CycleDispatcher(SchedulingDbContext db, CycleZones zones, TimeProvider clock, IServiceScopeFactory scopes,
    IOptions<SchedulingOptions> options, DatabaseWriteGate writes, ILogger<CycleDispatcher> logger)
{
    private const int MaxPhasesPerTick = 200;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<DispatchResult> TickAsync(CancellationToken ct = default)
    {
        var created = await CreateDueRunsAsync(ct);
        var phases = await RunDuePhasesAsync(ct);
        return new(created, phases);
    }

    /// <summary>Creates the run for each active cycle whose fire time has come (at most one per cycle and tick).</summary>
    public async Task<int> CreateDueRunsAsync(CancellationToken ct = default)
    {
        var now = Now;
        var cycles = await db.Cycles.AsNoTracking().Include(c => c.Teams).Where(c => c.Active).OrderBy(c => c.Id).ToListAsync(ct);
        if (cycles.Count == 0) return 0;
        var zoneOf = await zones.ForAsync(cycles, ct);
        var ids = cycles.Select(c => c.Id).ToList();
        // The latest scheduled fire time of each cycle, in one query (manual runs are beside the schedule).
        var lastOf = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.CycleId) && r.Trigger != RunTrigger.Manual)
            .GroupBy(r => r.CycleId).Select(g => new { CycleId = g.Key, Last = g.Max(r => r.ScheduledUtc) })
            .ToDictionaryAsync(x => x.CycleId, x => x.Last, ct);
        var created = 0;
        foreach (var cycle in cycles)
        {
            var floor = lastOf.TryGetValue(cycle.Id, out var last) && last > cycle.ScheduleFromUtc ? last : cycle.ScheduleFromUtc;
            var (schedule, error) = CycleSchedule.TryCreate(cycle.Cadence, cycle.DayOfWeek, cycle.DayOfMonth, cycle.LocalTime, cycle.Cron,
                zoneOf[cycle.Id], cycle.AnchorDate);
            if (schedule is null)
            {
                logger.LogWarning("Cycle {Cycle} is skipped: {Error}", cycle.Id, error);
                continue;
            }
            var (latest, count) = schedule.Due(floor, now);
            if (latest is not { } fireTime) continue;
            var late = now - fireTime > TimeSpan.FromSeconds(options.Value.MisfireThresholdSeconds);
            var trigger = count > 1 || late ? RunTrigger.CatchUp : RunTrigger.Scheduled;
            if (await TryAddRunAsync(cycle, fireTime, trigger, opensAt: trigger == RunTrigger.Scheduled ? fireTime : now, ct)) created++;
        }
        return created;
    }

    /// <summary>
    /// Adds a run unless one exists for this fire time already (another node, a second fire of the same trigger).
    /// Returns whether this call added it.
    /// </summary>
    internal async Task<bool> TryAddRunAsync(Cycle cycle, DateTime scheduledUtc, RunTrigger trigger, DateTime opensAt, CancellationToken ct)
    {
        if (await db.Runs.AnyAsync(r => r.CycleId == cycle.Id && r.ScheduledUtc == scheduledUtc, ct)) return false;
        var run = new CycleRun
        {
            CycleId = cycle.Id, ScheduledUtc = scheduledUtc, Trigger = trigger, Status = RunStatus.Pending,
            NextPhase = CyclePhase.Open, NextDueUtc = Now,
            ClosesUtc = cycle.OpenMinutes is { } minutes ? opensAt.AddMinutes(minutes) : null,
        };
        db.Runs.Add(run);
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique (cycle, fire time) key: someone else made this run between our check and our insert.
            db.ChangeTracker.Clear();
            if (await db.Runs.AnyAsync(r => r.CycleId == cycle.Id && r.ScheduledUtc == scheduledUtc, ct)) return false;
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Hands every due phase to its kind, oldest first; a run whose next phase is due at once (a late close) goes on in the same tick.</summary>
    public async Task<int> RunDuePhasesAsync(CancellationToken ct = default)
    {
        var done = 0;
        var tried = new HashSet<(long, int)>();
        while (done < MaxPhasesPerTick)
        {
            var now = Now;
            var due = await db.Runs.AsNoTracking()
                .Where(r => (r.Status == RunStatus.Pending || r.Status == RunStatus.Open) && r.NextDueUtc != null && r.NextDueUtc <= now
                    && (r.ClaimedUntilUtc == null || r.ClaimedUntilUtc < now))
                .OrderBy(r => r.NextDueUtc).ThenBy(r => r.Id).Take(20).ToListAsync(ct);
            due.RemoveAll(r => !tried.Add((r.Id, r.Version)));
            if (due.Count == 0) break;
            foreach (var run in due)
            {
                if (!await TryClaimAsync(run, ct)) continue;
                await RunPhaseAsync(run, ct);
                done++;
            }
        }
        return done;
    }

    // A conditional update on the version: of two nodes that saw the same row, one gets it.
    private async Task<bool> TryClaimAsync(CycleRun run, CancellationToken ct)
    {
        var until = Now.AddSeconds(options.Value.ClaimSeconds);
        int claimed;
        using (await writes.EnterAsync(ct))
            claimed = await db.Runs.Where(r => r.Id == run.Id && r.Version == run.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntilUtc, until).SetProperty(r => r.Version, r => r.Version + 1)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
        if (claimed == 0) return false;
        run.Version++;
        run.Attempts++;
        run.ClaimedUntilUtc = until;
        return true;
    }

    private async Task RunPhaseAsync(CycleRun run, CancellationToken ct)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.Teams).SingleAsync(c => c.Id == run.CycleId, ct);
        var reminders = cycle.Reminders();
        var phase = run.NextPhase;
        TimeSpan? reminder = phase == CyclePhase.Remind && run.RemindersDone < reminders.Count ? TimeSpan.FromMinutes(reminders[run.RemindersDone]) : null;
        var context = new CycleRunContext(cycle.Id, run.Id, cycle.Kind, phase, cycle.Teams.Select(t => t.TeamId).Order().ToList(),
            run.ScheduledUtc, run.ClosesUtc, reminder, cycle.Settings, (await zones.ForAsync(cycle, ct)).Id);
        try
        {
            CyclePhaseResult result;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var kind = scope.ServiceProvider.GetServices<ICycleKind>().FirstOrDefault(k => k.Key == cycle.Kind)
                    ?? throw new InvalidOperationException($"No cycle kind '{cycle.Kind}' is registered (is its module installed?).");
                result = phase == CyclePhase.Remind && reminder is null ? new CyclePhaseResult() : await kind.RunAsync(context, ct);
            }
            Advance(run, phase, reminders, result);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: let the phase go now rather than when the claim runs out; it runs again (kinds are idempotent).
            run.ClaimedUntilUtc = null;
            await SaveAsync(run, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Cycle {Cycle} run {Run}: phase {Phase} failed", cycle.Id, run.Id, phase);
            run.Status = RunStatus.Failed;
            run.Error = $"{phase}: {ex.Message}" is var message && message.Length > 2000 ? message[..2000] : message;
            run.EndedUtc = Now;
            run.ClaimedUntilUtc = null;
        }
        if (!await SaveAsync(run, ct))
            logger.LogWarning("Cycle {Cycle} run {Run}: phase {Phase} finished after its claim ran out; another node took it over", cycle.Id, run.Id, phase);
    }

    /// <summary>Moves a run past the phase just done: to its next reminder, to its close, or closed.</summary>
    private void Advance(CycleRun run, CyclePhase phase, IReadOnlyList<int> reminders, CyclePhaseResult result)
    {
        var now = Now;
        run.Targeted = result.Targeted ?? run.Targeted;
        run.Completed = result.Completed ?? run.Completed;
        run.Error = null;
        run.ClaimedUntilUtc = null;
        switch (phase)
        {
            case CyclePhase.Open:
                run.StartedUtc ??= now;
                run.Status = RunStatus.Open;
                break;
            case CyclePhase.Remind:
                run.RemindersDone++;
                break;
            default:
                Close(run, now);
                return;
        }
        if (run.ClosesUtc is not { } closes)
        {
            Close(run, now); // a run with no open window is done once it has opened
            return;
        }
        // Reminders that would come before the run opened, or when it is already closing, are skipped.
        var next = run.RemindersDone;
        while (next < reminders.Count && (closes.AddMinutes(-reminders[next]) <= run.StartedUtc || closes <= now)) next++;
        run.RemindersDone = next;
        (run.NextPhase, run.NextDueUtc) = next < reminders.Count ? (CyclePhase.Remind, closes.AddMinutes(-reminders[next])) : (CyclePhase.Close, closes);
    }

    private static void Close(CycleRun run, DateTime now)
    {
        run.Status = RunStatus.Closed;
        run.EndedUtc = now;
        run.NextDueUtc = null;
    }

    // Written only while this node still holds the claim it took (the version it claimed with).
    private async Task<bool> SaveAsync(CycleRun run, CancellationToken ct)
    {
        using var _ = await writes.EnterAsync(ct);
        return await db.Runs.Where(r => r.Id == run.Id && r.Version == run.Version).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, run.Status).SetProperty(r => r.NextPhase, run.NextPhase).SetProperty(r => r.NextDueUtc, run.NextDueUtc)
            .SetProperty(r => r.RemindersDone, run.RemindersDone).SetProperty(r => r.ClaimedUntilUtc, run.ClaimedUntilUtc)
            .SetProperty(r => r.StartedUtc, run.StartedUtc).SetProperty(r => r.EndedUtc, run.EndedUtc)
            .SetProperty(r => r.Targeted, run.Targeted).SetProperty(r => r.Completed, run.Completed).SetProperty(r => r.Error, run.Error)
            .SetProperty(r => r.Version, r => r.Version + 1), ct) == 1;
    }
}
