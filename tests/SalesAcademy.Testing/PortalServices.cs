using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Portal;
using Xunit;

namespace SalesAcademy.Testing;

/// <summary>
/// The portal's services exactly as the host composes them (every module), on a throwaway database with
/// migrations applied, but without a web server or the start-up content import. For service-level tests.
/// </summary>
public abstract class PortalServices(DatabaseProvider provider) : IAsyncLifetime
{
    private WebApplication? _app;

    public TestDatabase Database { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = TestPaths.RepoRoot });
        builder.Configuration.AddInMemoryCollection(PortalFactory.Settings(Database, importContent: false));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPortal(PortalModules.All());
        builder.Services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = PortalFactory.TestPasswordRounds);
        _app = builder.Build();
        await _app.Services.RunStartupStepsAsync();
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteServices() : PortalServices(DatabaseProvider.Sqlite);

public sealed class PostgresServices() : PortalServices(DatabaseProvider.Postgres);
