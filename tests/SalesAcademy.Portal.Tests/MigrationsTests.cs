using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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
