using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Health;

/// <summary>Opens a connection with the configured provider and runs <c>SELECT 1</c>.</summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = database.Provider.ToString() };
        try
        {
            await using System.Data.Common.DbConnection connection = database.Provider == DatabaseProvider.Sqlite
                ? new SqliteConnection(database.ConnectionString)
                : new NpgsqlConnection(database.ConnectionString);
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
