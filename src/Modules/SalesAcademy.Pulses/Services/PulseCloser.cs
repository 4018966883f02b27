using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SalesAcademy.Pulses.Services;

/// <summary>
/// Every minute, closes the pulses whose window has passed (a cycle without a closing time of its own has no close
/// phase): the secret, the tags and the participation set must not outlive the pulse.
/// </summary>
internal sealed class PulseCloser(IServiceScopeFactory scopes, ILogger<PulseCloser> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var closed = await scope.ServiceProvider.GetRequiredService<PulseBook>().CloseDueAsync(stoppingToken);
                if (closed > 0) logger.LogInformation("Closed {Count} pulses whose window had passed", closed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Closing due pulses failed; trying again in {Interval}", Interval);
            }
        }
    }
}
