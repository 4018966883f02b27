using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Jobs;

/// <summary>
/// Once an hour, reminds owners of actions due tomorrow or earlier; <see cref="OpenActions.RemindAsync"/> tells each action's
/// owner at most once a day, so running more often (or on two nodes) repeats nothing.
/// </summary>
internal sealed class ActionReminderJob(IServiceScopeFactory scopes, ILogger<ActionReminderJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var told = await scope.ServiceProvider.GetRequiredService<OpenActions>().RemindAsync(stoppingToken);
                    if (told > 0) log.LogInformation("Reminded the owners of {Count} retro actions", told);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Retro action reminders failed; trying again in an hour");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
