using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Health;

/// <summary>Opens a connection with the configured provider (read-only on SQLite) and runs <c>SELECT 1</c>.</summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions database, ClusterSignal signal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // hearsOtherNodes: whether other nodes' changes reach this one at once (false on PostgreSQL while its LISTEN connection is down).
        var data = new Dictionary<string, object> { ["provider"] = database.Provider.ToString(), ["hearsOtherNodes"] = signal.HearsOthers };
        try
        {
            await using var connection = database.LookConnection();
            if (connection is null) return HealthCheckResult.Unhealthy("the database file does not exist", data: data);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("connected", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex, data);
        }
    }
}
