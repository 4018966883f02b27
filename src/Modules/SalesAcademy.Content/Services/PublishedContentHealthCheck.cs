using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SalesAcademy.Content.Services;

/// <summary>
/// How far this node's published snapshot (what readers see) is behind the content change log: <c>lag</c> changes
/// (0 once the poller has seen another node's write and the next reader rebuilt it), <c>snapshotHead</c> and <c>head</c>.
/// </summary>
internal sealed class PublishedContentHealthCheck(PublishedContent published, IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var head = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync(cancellationToken);
            data["head"] = head;
            if (published.SnapshotHead is { } seen)
            {
                data["snapshotHead"] = seen;
                data["lag"] = Math.Max(0, head - seen);
            }
            else data["snapshot"] = "not built (the next reader builds it from the database)";
            return HealthCheckResult.Healthy("following the change log", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database check reports the outage itself; readers still get the snapshot this node holds.
            data["databaseError"] = ex.Message;
            return HealthCheckResult.Degraded("the change log could not be read", data: data);
        }
    }
}
