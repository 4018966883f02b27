using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Cadence;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling.Management;

/// <summary>A registered cycle kind, with its name in the current UI culture.</summary>
public sealed record KindChoice(string Key, string Name, string? DefaultCron = null);

/// <summary>A kind's settings fields (labels and hints still PO msgids: pages and the API translate them).</summary>
public sealed record KindSettings(string Key, string Name, IReadOnlyList<CycleSettingField> Fields);

/// <summary>A cycle as the scheduler page and the API show it: names, the cadence in words, the next fire times in its zone.</summary>
public sealed record CycleView(Cycle Cycle, string KindName, IReadOnlyList<TeamName> Teams, string Cadence, TimeZoneInfo Zone,
    IReadOnlyList<DateTime> NextFireUtc, IReadOnlyList<CycleRun> Runs)
{
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);
}

/// <summary>A module's upkeep (<see cref="IPeriodicTask"/>) as the scheduler page shows it: null times when Quartz has none (yet).</summary>
public sealed record UpkeepView(string Key, string Name, TimeSpan Interval, DateTimeOffset? PreviousUtc, DateTimeOffset? NextUtc);

/// <summary>Reads cycles for the pages, the API and the team page (what <see cref="Cycles"/> writes).</summary>
public sealed class CycleBoard(Cycles cycles, CycleZones zones, ITeamDirectory teams, IEnumerable<ICycleKind> kinds,
    IEnumerable<PeriodicTaskRegistration> upkeep, Quartz.ISchedulerFactory schedulers, IStringLocalizer<SchedulingModule> t)
{
    /// <summary>Every module's upkeep with its last and next run, as Quartz keeps them (cluster-wide).</summary>
    public async Task<IReadOnlyList<UpkeepView>> UpkeepAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var result = new List<UpkeepView>();
        foreach (var task in upkeep.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var trigger = await scheduler.GetTrigger(new Quartz.TriggerKey(task.Key, Jobs.PeriodicTaskJob.Group), ct);
            result.Add(new UpkeepView(task.Key, t[task.Name], task.Interval, trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc));
        }
        return result;
    }

    public const int NextFireTimes = 3;

    public IReadOnlyList<KindChoice> Kinds() => kinds.Select(k => new KindChoice(k.Key, t[k.Name], k.DefaultCron)).OrderBy(k => k.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>Every kind with its settings fields (and their choices, e.g. the published quizzes), by name.</summary>
    public async Task<IReadOnlyList<KindSettings>> KindSettingsAsync(CancellationToken ct = default)
    {
        var result = new List<KindSettings>();
        foreach (var kind in kinds) result.Add(new KindSettings(kind.Key, t[kind.Name], await kind.SettingsFieldsAsync(ct)));
        return result.OrderBy(k => k.Name, StringComparer.CurrentCulture).ToList();
    }

    public string KindName(string key) => kinds.FirstOrDefault(k => k.Key == key) is { } kind ? t[kind.Name] : key;

    /// <summary>The cycles in the scope (optionally of one team), each with its recent runs.</summary>
    public async Task<IReadOnlyList<CycleView>> ListAsync(CycleScope scope, string? teamId = null, int runs = 5, CancellationToken ct = default)
    {
        var all = (await cycles.AllAsync(ct)).Where(scope.Covers)
            .Where(c => teamId is null || c.Teams.Any(x => x.TeamId == teamId)).ToList();
        return await ViewsAsync(all, runs, ct);
    }

    public async Task<CycleView> ViewAsync(Cycle cycle, int runs = 20, CancellationToken ct = default) => (await ViewsAsync([cycle], runs, ct))[0];

    private async Task<IReadOnlyList<CycleView>> ViewsAsync(IReadOnlyList<Cycle> list, int runs, CancellationToken ct)
    {
        var zoneOf = await zones.ForAsync(list, ct);
        var names = (await teams.AllTeamsAsync(ct)).ToDictionary(x => x.Id, StringComparer.Ordinal);
        var text = new CadenceText(t);
        var result = new List<CycleView>();
        foreach (var cycle in list)
        {
            var zone = zoneOf[cycle.Id];
            var next = new List<DateTime>();
            if (await cycles.NextFireUtcAsync(cycle, ct) is { } first)
            {
                next.Add(first);
                var schedule = CycleSchedule.For(cycle, zone);
                while (next.Count < NextFireTimes && schedule.NextAfter(next[^1]) is { } after) next.Add(after);
            }
            var teamNames = cycle.Teams.Select(x => names.GetValueOrDefault(x.TeamId) ?? new TeamName(x.TeamId, x.TeamId)).OrderBy(x => x.Name).ToList();
            result.Add(new CycleView(cycle, KindName(cycle.Kind), teamNames, text.Describe(cycle), zone, next,
                runs == 0 ? [] : await cycles.RunsAsync(cycle.Id, runs, ct)));
        }
        return result;
    }
}
