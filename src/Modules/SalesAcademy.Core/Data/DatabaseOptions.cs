using System.Data.Common;
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

    /// <summary>
    /// A connection, not yet open, for a short look outside EF Core (the health check, the migration check at start):
    /// SQLite opens the file read-only and outside the pool, so a look neither creates the file nor hands its connection
    /// on to EF Core; PostgreSQL gets the portal's connection defaults. Null when the SQLite file does not exist.
    /// </summary>
    public DbConnection? LookConnection()
    {
        if (Provider == DatabaseProvider.Postgres)
            return new Npgsql.NpgsqlConnection(PortalDbContextRegistration.WithPostgresDefaults(ConnectionString));
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        if (!File.Exists(sqlite.DataSource)) return null;
        sqlite.Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly;
        sqlite.Pooling = false;
        return new Microsoft.Data.Sqlite.SqliteConnection(sqlite.ConnectionString);
    }
}
