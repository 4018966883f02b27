using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Scheduling.Jobs;

/// <summary>
/// Runs one module's <see cref="IPeriodicTask"/> (named by the job's data). Not concurrent per task; in a cluster Quartz
/// gives each fire to one node.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PeriodicTaskJob(IServiceScopeFactory scopes, IEnumerable<PeriodicTaskRegistration> tasks, ILogger<PeriodicTaskJob> logger) : IJob
{
    public const string Group = "upkeep";
    public const string TaskKey = "task";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.MergedJobDataMap.GetString(TaskKey);
        if (tasks.FirstOrDefault(t => t.Key == key) is not { } task)
        {
            // A task a module no longer registers (the module was removed): its job stays until the next start unschedules it.
            logger.LogWarning("No periodic task '{Task}' is registered on this node; skipped", key);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var done = await ((IPeriodicTask)scope.ServiceProvider.GetRequiredService(task.TaskType)).RunAsync(cancellationToken);
            if (done > 0) logger.LogInformation("{Task}: {Count} done", task.Key, done);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next fire tries again; Quartz would otherwise log the failure as its own.
            logger.LogWarning(ex, "{Task} failed; trying again in {Interval}", task.Key, task.Interval);
        }
    }
}

/// <summary>
/// At start, gives every registered <see cref="IPeriodicTask"/> its Quartz job and trigger, and removes the jobs of tasks
/// no module registers any more. A trigger already stored with the same interval is kept, so frequent restarts never push
/// an hourly task's run further away.
/// </summary>
internal sealed class PeriodicTaskScheduling(ISchedulerFactory factory, IEnumerable<PeriodicTaskRegistration> tasks, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var registered = tasks.ToList();
        foreach (var task in registered)
        {
            var triggerKey = new TriggerKey(task.Key, PeriodicTaskJob.Group);
            if (await scheduler.GetTrigger(triggerKey, cancellationToken) is ISimpleTrigger { RepeatInterval: var every } && every == task.Interval)
                continue;
            var job = JobBuilder.Create<PeriodicTaskJob>().WithIdentity(task.Key, PeriodicTaskJob.Group)
                .UsingJobData(PeriodicTaskJob.TaskKey, task.Key).StoreDurably().Build();
            // Missed fires (downtime) are dropped: every task finds whatever is due when it next runs.
            var trigger = TriggerBuilder.Create().ForJob(job).WithIdentity(triggerKey).StartAt(clock.GetUtcNow() + task.Interval)
                .WithSimpleSchedule(s => s.WithInterval(task.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }
        var keys = registered.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PeriodicTaskJob.Group), cancellationToken))
            if (!keys.Contains(stale.Name)) await scheduler.DeleteJob(stale, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
