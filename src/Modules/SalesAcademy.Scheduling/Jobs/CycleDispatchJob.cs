using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling.Jobs;

/// <summary>
/// Quartz's one job here: a tick of the <see cref="CycleDispatcher"/>. Not concurrent (in a cluster Quartz runs it on one
/// node at a time); the dispatcher is idempotent anyway, because a clustered Quartz has been seen to fire twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class CycleDispatchJob(IServiceScopeFactory scopes, ILogger<CycleDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("cycle-dispatch", "scheduling");
    public static readonly TriggerKey TickKey = new("cycle-dispatch-tick", "scheduling");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CycleDispatcher>().TickAsync(cancellationToken);
        if (result.RunsCreated + result.PhasesRun > 0)
            logger.LogInformation("Cycles: {Runs} runs created, {Phases} phases run", result.RunsCreated, result.PhasesRun);
    }
}
