using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>Read side of the content change log, for followers that keep their own cursor (the search index).</summary>
public sealed class ContentChangeLog(ContentDbContext db)
{
    public async Task<long> HeadAsync(CancellationToken ct = default) => await db.Changes.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;

    /// <summary>Changes after <paramref name="sequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ContentChange>> ReadAfterAsync(long sequence, int max, CancellationToken ct = default) =>
        await db.Changes.AsNoTracking().Where(c => c.Sequence > sequence).OrderBy(c => c.Sequence).Take(max).ToListAsync(ct);
}

/// <summary>Drops this node's published snapshot when the change log moves past it (writes from other nodes).</summary>
internal sealed class ContentChangePoller(IServiceScopeFactory scopes, PublishedContent published, ContentOptions options, ILogger<ContentChangePoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ChangePollSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (published.SnapshotHead is not { } seen) continue;
                await using var scope = scopes.CreateAsyncScope();
                var head = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync(stoppingToken);
                if (head != seen) published.Invalidate();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Polling the content change log failed; retrying");
            }
        }
    }
}

/// <summary>The <c>Content</c> configuration section.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    public double ChangePollSeconds { get; set; } = 2;
}
