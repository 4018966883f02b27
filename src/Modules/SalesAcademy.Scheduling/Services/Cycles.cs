using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Cadence;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Services;

/// <summary>What a cycle is to be; the editor and the API fill it in.</summary>
public sealed record CycleDraft(string Kind, string Title, IReadOnlyList<string> TeamIds, CadenceKind Cadence, TimeOnly LocalTime,
    DayOfWeek? DayOfWeek = null, int? DayOfMonth = null, string? Cron = null, string? TimeZone = null,
    int? OpenMinutes = null, IReadOnlyList<int>? ReminderMinutes = null, string? Settings = null, bool Active = true);

/// <summary>
/// The only writer of cycles: create, change, pause, resume, run now, retry a failed run. Errors are English UI texts
/// naming the field (pages localize them); null means done. Who may do this is the caller's check (pages and API).
/// </summary>
public sealed class Cycles(SchedulingDbContext db, IEnumerable<ICycleKind> kinds, ITeamDirectory teams, CycleZones zones,
    TimeProvider clock, IAuditLog audit, DatabaseWriteGate writes, CycleDispatcher dispatcher, CycleDispatchTrigger trigger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Cycle?> FindAsync(long id, CancellationToken ct = default) =>
        db.Cycles.AsNoTracking().Include(c => c.Teams).FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<List<Cycle>> AllAsync(CancellationToken ct = default) =>
        await db.Cycles.AsNoTracking().Include(c => c.Teams).OrderBy(c => c.Title).ThenBy(c => c.Id).ToListAsync(ct);

    public Task<List<CycleRun>> RunsAsync(long cycleId, int take = 20, CancellationToken ct = default) =>
        db.Runs.AsNoTracking().Where(r => r.CycleId == cycleId).OrderByDescending(r => r.ScheduledUtc).ThenByDescending(r => r.Id).Take(take).ToListAsync(ct);

    public Task<CycleRun?> FindRunAsync(long runId, CancellationToken ct = default) =>
        db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);

    /// <summary>When the cycle next opens (UTC); null when paused.</summary>
    public async Task<DateTime?> NextFireUtcAsync(Cycle cycle, CancellationToken ct = default)
    {
        if (!cycle.Active) return null;
        var last = await db.Runs.AsNoTracking().Where(r => r.CycleId == cycle.Id && r.Trigger != RunTrigger.Manual)
            .OrderByDescending(r => r.ScheduledUtc).Select(r => (DateTime?)r.ScheduledUtc).FirstOrDefaultAsync(ct);
        var from = new[] { last ?? DateTime.MinValue, cycle.ScheduleFromUtc, Now }.Max();
        return CycleSchedule.For(cycle, await zones.ForAsync(cycle, ct)).NextAfter(from);
    }

    public async Task<(Cycle? Cycle, string? Error)> CreateAsync(CycleDraft draft, string actor, CancellationToken ct = default)
    {
        var cycle = new Cycle { CreatedUtc = Now, CreatedBy = actor };
        if (await ApplyAsync(cycle, draft, ct) is { } error) return (null, error);
        db.Cycles.Add(cycle);
        using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await audit.RecordAsync("cycle.created", cycle.Title, $"id {cycle.Id}, {cycle.Kind}", actor, ct);
        return (cycle, null);
    }

    /// <summary>Changes a cycle saved at <paramref name="basedOnVersion"/>; refused when someone saved it since.</summary>
    public async Task<string?> UpdateAsync(long id, CycleDraft draft, int basedOnVersion, string actor, CancellationToken ct = default)
    {
        var cycle = await db.Cycles.Include(c => c.Teams).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null) return "The cycle does not exist.";
        if (cycle.Version != basedOnVersion) return "Someone changed this cycle since you opened it; reload to see their change.";
        if (await ApplyAsync(cycle, draft, ct) is { } error) return error;
        return await SaveAsync(cycle, "cycle.changed", actor, ct);
    }

    /// <summary>No new runs until resumed; runs already open still remind and close.</summary>
    public async Task<string?> PauseAsync(long id, string actor, CancellationToken ct = default)
    {
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null) return "The cycle does not exist.";
        if (!cycle.Active) return null;
        cycle.Active = false;
        return await SaveAsync(cycle, "cycle.paused", actor, ct);
    }

    /// <summary>Runs again from its next fire time; the fire times it missed while paused are not made up.</summary>
    public async Task<string?> ResumeAsync(long id, string actor, CancellationToken ct = default)
    {
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null) return "The cycle does not exist.";
        if (cycle.Active) return null;
        cycle.Active = true;
        cycle.ScheduleFromUtc = Now;
        return await SaveAsync(cycle, "cycle.resumed", actor, ct);
    }

    /// <summary>A run now, besides the schedule (a paused cycle too). Two requests in the same second make one run.</summary>
    public async Task<(CycleRun? Run, string? Error)> RunNowAsync(long id, string actor, CancellationToken ct = default)
    {
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null) return (null, "The cycle does not exist.");
        var now = Now;
        var at = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        await dispatcher.TryAddRunAsync(cycle, at, RunTrigger.Manual, opensAt: now, ct);
        await audit.RecordAsync("cycle.run-now", cycle.Title, $"id {cycle.Id}", actor, ct);
        await trigger.NowAsync(ct);
        return (await db.Runs.AsNoTracking().SingleAsync(r => r.CycleId == id && r.ScheduledUtc == at, ct), null);
    }

    /// <summary>Runs a failed run's failed phase again (kinds are idempotent, so what it did before is not done twice).</summary>
    public async Task<string?> RetryAsync(long runId, string actor, CancellationToken ct = default)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return "The run does not exist.";
        if (run.Status != RunStatus.Failed) return "Only a failed run can be retried.";
        var status = run.NextPhase == CyclePhase.Open ? RunStatus.Pending : RunStatus.Open;
        var now = Now;
        int changed;
        using (await writes.EnterAsync(ct))
            changed = await db.Runs.Where(r => r.Id == runId && r.Version == run.Version).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status).SetProperty(r => r.NextDueUtc, now).SetProperty(r => r.EndedUtc, (DateTime?)null)
                .SetProperty(r => r.Version, r => r.Version + 1), ct);
        if (changed == 0) return "Someone changed this run since you opened it; reload to see their change.";
        await audit.RecordAsync("cycle.run.retried", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Error, actor, ct);
        await trigger.NowAsync(ct);
        return null;
    }

    private async Task<string?> SaveAsync(Cycle cycle, string action, string actor, CancellationToken ct)
    {
        cycle.Version++;
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Someone changed this cycle since you opened it; reload to see their change.";
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        await audit.RecordAsync(action, cycle.Title, $"id {cycle.Id}", actor, ct);
        return null;
    }

    /// <summary>
    /// What the kind refuses in these settings (one error per field; none for an unknown kind, which <see cref="CreateAsync"/>
    /// refuses by itself). Pages and the API call it first to mark each field; saving checks again.
    /// </summary>
    public async Task<IReadOnlyList<CycleSettingError>> CheckSettingsAsync(string kindKey, string? settings, CancellationToken ct = default) =>
        kinds.FirstOrDefault(k => k.Key == kindKey) is { } kind
            ? await kind.ValidateSettingsAsync(string.IsNullOrWhiteSpace(settings) ? "{}" : settings, ct)
            : [];

    private async Task<string?> ApplyAsync(Cycle cycle, CycleDraft draft, CancellationToken ct)
    {
        var kind = kinds.FirstOrDefault(k => k.Key == draft.Kind);
        if (kind is null) return "Kind: choose one of the cycle kinds.";
        if ((await CheckSettingsAsync(kind.Key, draft.Settings, ct)).FirstOrDefault() is { } settingError) return settingError.Message;
        var title = draft.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200) return "Title: give the cycle a title of at most 200 characters.";
        var teamIds = draft.TeamIds.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList();
        if (teamIds.Count == 0) return "Teams: choose at least one team.";
        var known = await teams.TimeZonesAsync(teamIds, ct);
        if (teamIds.FirstOrDefault(t => !known.ContainsKey(t)) is { } unknown) return $"Teams: there is no team '{unknown}'.";
        string? zoneId = string.IsNullOrWhiteSpace(draft.TimeZone) ? null : draft.TimeZone.Trim();
        if (zoneId is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _)) return "Time zone: choose a time zone such as Asia/Shanghai or Europe/Berlin.";
        if (draft.Cadence is CadenceKind.Weekly or CadenceKind.EveryTwoWeeks && draft.DayOfWeek is null) return "Day: choose the day of the week.";
        if (draft.Cadence == CadenceKind.Monthly && draft.DayOfMonth is not (>= 1 and <= 28)) return "Day of month: choose a day from 1 to 28.";
        if (draft.Cadence == CadenceKind.Cron && string.IsNullOrWhiteSpace(draft.Cron)) return "Cron: enter a cron expression such as 0 9 * * 1.";
        if (draft.OpenMinutes is < 1 or > 60 * 24 * 62) return "Open for: a run stays open from 1 minute to 62 days.";
        var reminders = (draft.ReminderMinutes ?? []).Distinct().OrderDescending().ToList();
        if (reminders.Count > 5) return "Reminders: at most 5.";
        if (reminders.Count > 0 && draft.OpenMinutes is null) return "Reminders: a run that does not stay open has nothing to remind of.";
        if (reminders.Any(r => r < 1 || r >= draft.OpenMinutes)) return "Reminders: each comes from 1 minute before closing up to the time the run is open.";

        var cadenceChanged = cycle.Id == 0 || cycle.Cadence != draft.Cadence || cycle.DayOfWeek != draft.DayOfWeek || cycle.DayOfMonth != draft.DayOfMonth
            || cycle.LocalTime != draft.LocalTime || cycle.Cron != draft.Cron?.Trim() || cycle.TimeZone != zoneId
            || !cycle.Teams.Select(t => t.TeamId).Order().SequenceEqual(teamIds.Order());
        cycle.Kind = kind.Key;
        cycle.Title = title;
        cycle.Cadence = draft.Cadence;
        cycle.DayOfWeek = draft.Cadence is CadenceKind.Weekly or CadenceKind.EveryTwoWeeks ? draft.DayOfWeek : null;
        cycle.DayOfMonth = draft.Cadence == CadenceKind.Monthly ? draft.DayOfMonth : null;
        cycle.LocalTime = draft.Cadence == CadenceKind.Cron ? default : draft.LocalTime;
        cycle.Cron = draft.Cadence == CadenceKind.Cron ? draft.Cron!.Trim() : null;
        cycle.TimeZone = zoneId;
        cycle.OpenMinutes = draft.OpenMinutes;
        cycle.ReminderMinutes = string.Join(',', reminders);
        cycle.Settings = string.IsNullOrWhiteSpace(draft.Settings) ? "{}" : draft.Settings;
        if (cycle.Id == 0) cycle.Active = draft.Active;
        if (cycle.Teams.Count == 0 || !cycle.Teams.Select(t => t.TeamId).Order().SequenceEqual(teamIds.Order()))
        {
            cycle.Teams.Clear();
            cycle.Teams.AddRange(teamIds.Select(t => new CycleTeam { TeamId = t }));
        }

        var zone = await zones.ForAsync(cycle, ct);
        var (schedule, cronError) = CycleSchedule.TryCreate(cycle.Cadence, cycle.DayOfWeek, cycle.DayOfMonth, cycle.LocalTime, cycle.Cron, zone, null);
        if (schedule is null) return "Cron: " + cronError;
        if (cadenceChanged)
        {
            // A changed cadence starts from now: fire times of the new cadence in the past are not made up.
            cycle.ScheduleFromUtc = Now;
            cycle.AnchorDate = cycle.Cadence == CadenceKind.EveryTwoWeeks && schedule.NextAfter(Now) is { } first
                ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(first, zone)) : null;
        }
        if (schedule.NextAfter(Now) is null && cycle.Cadence == CadenceKind.Cron) return "Cron: this expression never fires again.";
        return null;
    }
}
