using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SalesAcademy.Search.Services;

/// <summary>/health's "search" entry: documents indexed vs published, cursor lag, rebuild progress, last error.</summary>
internal sealed class SearchIndexHealthCheck(SearchIndexHost host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = host.Status;
        var index = host.Index;
        var data = new Dictionary<string, object> { ["state"] = status.State };
        try
        {
            var head = await host.HeadAsync(cancellationToken);
            var published = await host.PublishedCountAsync(cancellationToken);
            data["published"] = published;
            data["head"] = head;
            if (index is not null)
            {
                data["documents"] = index.DocumentCount;
                data["cursor"] = index.Cursor;
                data["lag"] = Math.Max(0, head - index.Cursor);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data["databaseError"] = ex.Message;
        }
        if (status.State == "rebuilding") data["rebuild"] = new { done = status.RebuildDone, total = status.RebuildTotal, reason = status.RebuildReason };
        if (status.LastError is not null) data["lastError"] = status.LastError;
        // A rebuild does not make the node unhealthy: pages serve, and searches say the index is being rebuilt.
        return status.State == "failed"
            ? HealthCheckResult.Unhealthy(status.LastError ?? "the index could not be opened", data: data)
            : HealthCheckResult.Healthy(status.State, data);
    }
}
