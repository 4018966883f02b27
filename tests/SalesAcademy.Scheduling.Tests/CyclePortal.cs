using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>The whole portal with the recording cycle kind registered (no production module brings a kind yet).</summary>
public sealed class CyclePortalFactory(TestDatabase database, bool realSocket) : PortalFactory(database, importContent: false, realSocket)
{
    public KindRecorder Recorder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Recorder);
            services.AddCycleKind<RecordingKind>();
        });
    }
}

public abstract class CyclePortal : PortalFixture
{
    private readonly bool _socket;
    protected CyclePortal(DatabaseProvider provider, bool socket = false) : base(provider, socket) => _socket = socket;
    public new CyclePortalFactory Factory => (CyclePortalFactory)base.Factory;
    protected override PortalFactory CreateFactory(TestDatabase database) => new CyclePortalFactory(database, _socket);
}

public sealed class SqliteCyclePortal() : CyclePortal(DatabaseProvider.Sqlite);
public sealed class PostgresCyclePortal() : CyclePortal(DatabaseProvider.Postgres);
public sealed class BrowserCyclePortal() : CyclePortal(DatabaseProvider.Sqlite, socket: true);

/// <summary>Teams, leads and cycles made directly through the modules' writer services.</summary>
public sealed class CycleArrange(PortalFactory factory)
{
    public async Task<string> TeamAsync(string? leadEmail = null, string? memberEmail = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Cycle team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        if (leadEmail is not null) Assert.Null(await roster.AddMemberAsync(team!.Id, leadEmail, TeamRoles.Lead));
        if (memberEmail is not null) Assert.Null(await roster.AddMemberAsync(team!.Id, memberEmail, "AccountManager"));
        return team!.Id;
    }

    public async Task<Cycle> CycleAsync(string teamId, string? cron = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var draft = cron is null
            ? new CycleDraft(RecordingKind.KindKey, "Weekly round", [teamId], CadenceKind.Weekly, new TimeOnly(9, 0), DayOfWeek.Monday)
            : new CycleDraft(RecordingKind.KindKey, "Cron round", [teamId], CadenceKind.Cron, default, Cron: cron);
        var (cycle, error) = await scope.ServiceProvider.GetRequiredService<Cycles>().CreateAsync(draft, "trainer@example.com");
        Assert.Null(error);
        return cycle!;
    }

    public async Task<Cycle> StoredAsync(long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Cycles>().FindAsync(id))!;
    }

    public async Task<List<CycleRun>> RunsAsync(long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Cycles>().RunsAsync(id, 100);
    }
}
