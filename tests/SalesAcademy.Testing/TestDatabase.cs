using Microsoft.Data.Sqlite;
using Npgsql;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Testing;

/// <summary>
/// A throwaway database: a SQLite file in a temp folder, or a fresh PostgreSQL database on the server
/// named by SALESACADEMY_TEST_POSTGRES (test.sh starts one on loopback). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SALESACADEMY_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string dataDirectory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        _directory = dataDirectory;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The portal's data directory for this test (search index, mail pickup, SQLite file).</summary>
    public string DataDirectory { get; }

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateAsync(provider, template: null);

    /// <summary>The PostgreSQL database's name (null on SQLite).</summary>
    internal string? PostgresName => _postgresName;

    /// <summary>A database made earlier (a shared template): disposing it is left to whoever made it.</summary>
    internal static TestDatabase Existing(DatabaseProvider provider, string dataDirectory, string? postgresName) =>
        new(provider, provider == DatabaseProvider.Sqlite ? $"Data Source={Path.Combine(dataDirectory, "portal.db")}"
            : new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable)) { Database = postgresName }.ConnectionString,
            dataDirectory, postgresName);

    /// <summary>
    /// A copy of <paramref name="template"/> (a database a portal has stopped using: its files, and on PostgreSQL the
    /// database itself through <c>CREATE DATABASE … TEMPLATE</c>), or an empty database when it is null.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, TestDatabase? template)
    {
        var directory = TestPaths.NewTempDirectory("sa-data");
        if (template is not null) CopyDirectory(template.DataDirectory, directory);
        if (provider == DatabaseProvider.Sqlite)
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, "portal.db")}", directory, null);

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run ./test.sh (it starts a throwaway PostgreSQL), or set it to an admin connection string.");
        var name = $"sa_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var from = template?._postgresName is { } source ? $" TEMPLATE \"{source}\"" : "";
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, directory, name);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try { if (_directory is not null) Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
