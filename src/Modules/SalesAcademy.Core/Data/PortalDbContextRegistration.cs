using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Core.Data;

public static class PortalDbContextRegistration
{
    /// <summary>
    /// Registers a module's DbContext. Each module owns its tables and keeps one migration set per
    /// provider, in a provider-specific subclass (<typeparamref name="TSqlite"/>, <typeparamref name="TPostgres"/>);
    /// callers resolve <typeparamref name="TContext"/>. Migrations are applied by a startup step.
    /// </summary>
    public static IServiceCollection AddPortalDbContext<TContext, TSqlite, TPostgres>(
        this IServiceCollection services, DatabaseOptions database, string migrationsTable)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        if (database.Provider == DatabaseProvider.Sqlite)
            services.AddDbContextPool<TContext, TSqlite>(o => ConfigureSqlite(o, database.ConnectionString, migrationsTable));
        else
            services.AddDbContextPool<TContext, TPostgres>(o => ConfigurePostgres(o, database.ConnectionString, migrationsTable));
        services.AddStartupStep(new MigrateDatabaseStep<TContext>(database,
            database.Provider == DatabaseProvider.Sqlite ? typeof(TSqlite) : typeof(TPostgres), migrationsTable));
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString, string migrationsTable) =>
        options.UseSqlite(connectionString, b => b.MigrationsHistoryTable(migrationsTable))
               .AddInterceptors(SqliteConnectionSetup.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString, string migrationsTable) =>
        options.UseNpgsql(WithPostgresDefaults(connectionString), b => b.MigrationsHistoryTable(migrationsTable));

    /// <summary>
    /// The portal's queries are a small, fixed set run again and again (an answer save is the same three statements each
    /// time): Npgsql prepares the most used ones on each connection, so the server parses and plans them once, unless the
    /// connection string says otherwise (<c>Max Auto Prepare=0</c> turns it off).
    /// EF Core opens and closes the connection around every query, and by default Npgsql resets a pooled connection at each
    /// open (with prepared statements: seven statements, <c>RESET ALL; CLOSE ALL; UNLISTEN *; … DISCARD TEMP</c>, parsed anew
    /// each time): two or three times per answer save, more server work than the save. The portal's DbContexts keep no session
    /// state (no SET, LISTEN, temporary tables or session advisory locks; the content lock is per transaction), so they skip
    /// it (<c>No Reset On Close</c>) unless the connection string says otherwise. Connections opened outside EF (the
    /// data-protection key lock, Quartz) use the connection string as given.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}

/// <summary>
/// Per-connection SQLite settings: WAL is persistent in the file, the rest is not. EF Core opens and closes the
/// connection around every query, but the pool keeps the native connection (and its settings): run them once per
/// native connection, not at every open (that was a batch of four pragmas per query, several per request).
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(connection);
        return Task.CompletedTask;
    }

    private static void Run(DbConnection connection)
    {
        var native = (connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle;
        if (native is not null && Prepared.TryGetValue(native, out _)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        if (native is not null) Prepared.AddOrUpdate(native, native);
    }
}

/// <summary>Brings one module's tables up to date. Steps of the same order run in registration order, one at a time.</summary>
/// <remarks>
/// Asking every context at once what is pending (each builds its model) made EF Core's migrator fail now and then with
/// "The model must be finalized…" while another context's model was being built beside it: one step per context, in turn.
/// </remarks>
internal sealed class MigrateDatabaseStep<TContext>(DatabaseOptions database, Type providerContext, string migrationsTable)
    : IStartupStep where TContext : DbContext
{
    public int Order => StartupStepOrder.Migrations;
    public string Name => $"migrate {typeof(TContext).Name}";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await UpToDateAsync(cancellationToken)) return;
        await services.GetRequiredService<TContext>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// A warm start has nothing to apply. Asking EF Core (<c>GetAppliedMigrationsAsync</c>) builds the context's whole model
    /// first: with 15 modules, two of a warm start's three seconds of migration checks. The history table is read over a
    /// plain connection instead and compared with the migrations compiled into the module; a model is built when the context
    /// is first used. Anything unexpected (no history table yet, an unknown row) leaves the decision to <c>MigrateAsync</c>.
    /// </summary>
    private async Task<bool> UpToDateAsync(CancellationToken cancellationToken)
    {
        var known = providerContext.Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == providerContext)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .ToHashSet(StringComparer.Ordinal);
        if (known.Count == 0 || known.Contains(null)) return false;
        await using var connection = database.LookConnection();
        if (connection is null) return false; // no database file yet
        var applied = new HashSet<string?>(StringComparer.Ordinal);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{migrationsTable.Replace("\"", "\"\"")}\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        }
        catch (DbException)
        {
            return false; // no history table yet: a new database
        }
        return applied.SetEquals(known);
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add</c> create a module's provider-specific context:
/// <c>internal sealed class SqliteDesign() : DesignTimeFactory&lt;SqliteXDbContext&gt;(DatabaseProvider.Sqlite, XDbContext.MigrationsTable);</c>
/// </summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProvider provider, string migrationsTable)
    : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        if (provider == DatabaseProvider.Sqlite) PortalDbContextRegistration.ConfigureSqlite(options, "Data Source=design.db", migrationsTable);
        else PortalDbContextRegistration.ConfigurePostgres(options, "Host=localhost;Database=design", migrationsTable);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
