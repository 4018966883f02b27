using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Insights.Tests;

/// <summary>The server's clock: the real one until a test pins it (the insights run stamps its snapshots with it).</summary>
public sealed class PinnedClock : TimeProvider
{
    private DateTimeOffset? _pinned;
    public void Pin(DateTime utc) => _pinned = new DateTimeOffset(utc, TimeSpan.Zero);
    public void Release() => _pinned = null;
    public override DateTimeOffset GetUtcNow() => _pinned ?? base.GetUtcNow();
}

public sealed class PinnedClockPortalFactory(TestDatabase database, TimeProvider clock) : PortalFactory(database, importContent: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}

public abstract class InsightsPortal(DatabaseProvider provider) : PortalFixture(provider)
{
    public PinnedClock Clock { get; } = new();

    protected override PortalFactory CreateFactory(TestDatabase database) => new PinnedClockPortalFactory(database, Clock);
}

public sealed class InsightsSqlitePortal() : InsightsPortal(DatabaseProvider.Sqlite);

public sealed class InsightsPostgresPortal() : InsightsPortal(DatabaseProvider.Postgres);
