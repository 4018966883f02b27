using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Delivery;

/// <summary>
/// Runs on every node: makes the daily digests once a minute, claims due outbox rows (a conditional update, so two nodes never
/// send the same row) and sends them. Idle it polls every <see cref="DeliveryOptions.PollSeconds"/>; a row written on this
/// node wakes it at once (<see cref="DeliverySignal"/>).
/// </summary>
public sealed partial class DeliveryService(IServiceScopeFactory scopes, DeliverySender sender, DeliverySignal signal, TimeProvider clock,
    IOptions<DeliveryOptions> options, ILogger<DeliveryService> logger) : BackgroundService
{
    /// <summary>This process's name in claims (host and process id, readable on /admin/delivery while a row is being sent).</summary>
    public static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";

    private DateTimeOffset _nextDigestCheck = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly away; the next poll tries again. Row errors are stored on the row, not here.
                LogPassFailed(ex.GetType().Name, ex.Message);
            }
            try
            {
                await signal.WaitAsync(options.Value.Poll, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: the digests when DigestCheckSeconds have passed, then batches until nothing is due.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() >= _nextDigestCheck)
        {
            _nextDigestCheck = clock.GetUtcNow().AddSeconds(options.Value.DigestCheckSeconds);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliveryOutbox>().PlanDigestsAsync(ct);
        }
        while (await SendBatchAsync(ct) >= options.Value.BatchSize) { }
    }

    /// <summary>Plans the digests now, whatever the minute (tests, and an administrator's "send digests now" later).</summary>
    public void CheckDigestsNow()
    {
        _nextDigestCheck = DateTimeOffset.MinValue;
        signal.Wake();
    }

    private async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var outbox = services.GetRequiredService<DeliveryOutbox>();
        var (token, rows) = await outbox.ClaimAsync(Node, ct);
        if (rows.Count == 0) return 0;
        var batch = await DeliverySender.LoadAsync(rows, services.GetRequiredService<NotificationsDbContext>(), services.GetRequiredService<NotificationPreferences>(),
            services.GetRequiredService<IUserDirectory>(), services.GetRequiredService<ITeamDirectory>(), services.GetRequiredService<ISiteSettings>(), ct);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<DeliveryOutbox.Outcome>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = ct }, async (row, token2) =>
        {
            try
            {
                await sender.SendAsync(row, batch, token2);
                outcomes.Add(new(row.Id, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token2.IsCancellationRequested)
            {
                var message = ex is DeliveryException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                LogSendFailed(row.Id, row.Channel, row.Attempts + 1, message);
                outcomes.Add(new(row.Id, message, ex is DeliveryException { Permanent: true }));
            }
        });
        await outbox.CompleteAsync(token, outcomes.ToList(), ct);
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification delivery {Id} ({Channel}) attempt {Attempt} failed: {Error}")]
    private partial void LogSendFailed(long id, string channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A notification delivery pass failed ({Type}: {Message}); the next poll tries again")]
    private partial void LogPassFailed(string type, string message);
}
