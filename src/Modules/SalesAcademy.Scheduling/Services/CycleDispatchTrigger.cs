using Quartz;
using SalesAcademy.Scheduling.Jobs;

namespace SalesAcademy.Scheduling.Services;

/// <summary>Asks Quartz for a dispatcher tick now ("run now", a retry), instead of at the next regular tick.</summary>
public sealed class CycleDispatchTrigger(ISchedulerFactory schedulers)
{
    public async Task NowAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        // Not started (a command, a service-level test): the next start's first tick picks the work up.
        if (scheduler.Status != SchedulerStatus.Running) return;
        await scheduler.TriggerJob(CycleDispatchJob.Key, ct);
    }
}
