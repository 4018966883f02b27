using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using SalesAcademy.Teams.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Every module keeps one migration set per provider; a model change without its migration would
/// only show when a real database is created (or worse, silently differ between SQLite and PostgreSQL).
/// </summary>
public class MigrationsTests
{
    public static TheoryData<string> DesignFactories()
    {
        var data = new TheoryData<string>();
        foreach (var type in ModuleAssemblies().SelectMany(a => a.GetTypes()).Where(IsDesignFactory).OrderBy(t => t.FullName))
            data.Add(type.AssemblyQualifiedName!);
        return data;
    }

    [Fact]
    public void Every_module_context_has_a_design_factory_for_both_providers()
    {
        var contexts = ModuleAssemblies().SelectMany(a => a.GetTypes())
            .Where(t => typeof(DbContext).IsAssignableFrom(t) && t is { IsAbstract: false } && t.Assembly.GetName().Name!.StartsWith("SalesAcademy."))
            .Select(t => t.FullName!).OrderBy(n => n).ToList();
        var made = ModuleAssemblies().SelectMany(a => a.GetTypes()).Where(IsDesignFactory)
            .Select(f => FactoryInterface(f).GetGenericArguments()[0].FullName!).OrderBy(n => n).ToList();
        Assert.True(contexts.Count >= 16, $"expected a SQLite and a PostgreSQL context per module, found {contexts.Count}");
        Assert.Equal(contexts, made);
    }

    [Theory]
    [MemberData(nameof(DesignFactories))]
    public void The_migrations_match_the_model(string factoryType)
    {
        var type = Type.GetType(factoryType, throwOnError: true)!;
        var create = FactoryInterface(type).GetMethod("CreateDbContext")!;
        using var db = (DbContext)create.Invoke(Activator.CreateInstance(type, nonPublic: true), [Array.Empty<string>()])!;
        Assert.True(db.Database.GetMigrations().Any(), $"{db.GetType().Name} has no migrations");
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{db.GetType().Name}: the model has changes that no migration captures; add one with dotnet ef migrations add");
    }

    /// <summary>
    /// A start reads each module's migration history over a plain connection (no model is built) and compares it with the
    /// migrations the module was compiled with: a database one migration behind must still get it.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_module_one_migration_behind_gets_it_at_the_next_start(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string latest;
        await using (var portal = new PortalFactory(database, importContent: false))
        {
            portal.StartServer();
            await using var scope = portal.Services.CreateAsyncScope();
            var teams = scope.ServiceProvider.GetRequiredService<TeamsDbContext>();
            var migrations = teams.Database.GetMigrations().ToList(); // InitialTeams, TeamTimeZone (ids differ per provider)
            Assert.Equal(["InitialTeams", "TeamTimeZone"], migrations.Select(m => m[15..]));
            latest = migrations[^1];
            await teams.GetService<IMigrator>().MigrateAsync(migrations[0]); // Teams back one step: the time-zone column goes
            Assert.DoesNotContain(latest, await teams.Database.GetAppliedMigrationsAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => teams.Teams.Select(t => t.TimeZone).ToListAsync());
        }

        await using (var portal = new PortalFactory(database, importContent: false))
        {
            portal.StartServer();
            await using var scope = portal.Services.CreateAsyncScope();
            var teams = scope.ServiceProvider.GetRequiredService<TeamsDbContext>();
            Assert.Contains(latest, await teams.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await teams.Database.GetPendingMigrationsAsync());
            await teams.Teams.Select(t => t.TimeZone).ToListAsync(); // the column is back
        }
    }

    private static bool IsDesignFactory(Type t) =>
        t is { IsAbstract: false, IsGenericTypeDefinition: false } && t.GetInterfaces().Any(IsFactoryInterface);

    private static Type FactoryInterface(Type t) => t.GetInterfaces().Single(IsFactoryInterface);

    private static bool IsFactoryInterface(Type i) =>
        i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>);

    private static IEnumerable<Assembly> ModuleAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "SalesAcademy.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.EndsWith(".Tests") && n != "SalesAcademy.Testing")
            .Select(n => Assembly.Load(n!));
}
