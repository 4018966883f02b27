using Microsoft.Extensions.Configuration;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary><c>Database:Provider</c> (Sqlite | Postgres) and <c>ConnectionStrings:Portal</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions From(IConfiguration configuration, PortalOptions portal)
    {
        var name = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(name)) provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(name, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
            throw new InvalidOperationException($"Configuration 'Database:Provider' is '{name}'; expected 'Sqlite' or 'Postgres'.");

        var connectionString = configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is 'Postgres' but 'ConnectionStrings:Portal' is empty.");
            connectionString = $"Data Source={Path.Combine(portal.DataDir, "portal.db")}";
        }
        return new DatabaseOptions(provider, connectionString);
    }
}
