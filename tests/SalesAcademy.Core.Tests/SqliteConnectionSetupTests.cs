using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Tests;

/// <summary>
/// The SQLite settings run once per native connection (issue 13 §3: they ran at every open, several times per
/// request); a connection taken from the pool again still has every one of them.
/// </summary>
[Collection(nameof(SqlitePoolCollection))]
public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public async Task The_settings_run_once_per_native_connection_and_every_reopen_still_has_them()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sa-pragmas-{Guid.NewGuid():N}.db");
        var builder = new DbContextOptionsBuilder<DbContext>();
        PortalDbContextRegistration.ConfigureSqlite(builder, $"Data Source={file}", "__pragmas");
        try
        {
            object? handle = null;
            for (var i = 0; i < 3; i++)
            {
                await using var db = new DbContext(builder.Options);
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                if (i > 0) Assert.Same(handle, connection.Handle); // the pool gave the same native connection back
                handle = connection.Handle;
                Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
                Assert.Equal("1", Scalar(connection, "PRAGMA synchronous")); // NORMAL
                Assert.Equal("1", Scalar(connection, "PRAGMA foreign_keys"));
                // The first open set 30000; the test then changes it: a later open that ran the settings again would undo that.
                Assert.Equal(i == 0 ? "30000" : "1234", Scalar(connection, "PRAGMA busy_timeout"));
                if (i == 0) Scalar(connection, "PRAGMA busy_timeout=1234");
                await db.Database.CloseConnectionAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    private static string? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// SQLite's connection pool is the process's: a test class running beside this one that clears it
/// (<c>SqliteConnection.ClearAllPools</c>, as <c>DatabaseWriteGateTests</c> does when it is done) closed the native
/// connection between two opens here, and "the pool gave the same connection back" failed once in a run beside a build.
/// This collection runs alone, after the others.
/// </summary>
[CollectionDefinition(nameof(SqlitePoolCollection), DisableParallelization = true)]
public sealed class SqlitePoolCollection;
