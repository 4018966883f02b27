using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Portal;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>One phase a cycle kind was asked to do, and the fake clock's time then.</summary>
public sealed record KindCall(long RunId, CyclePhase Phase, TimeSpan? ReminderBefore, DateTime AtUtc, IReadOnlyList<string> TeamIds);

/// <summary>What the test kind was asked to do; it can be told to fail.</summary>
public sealed class KindRecorder
{
    public ConcurrentQueue<KindCall> Calls { get; } = new();
    public volatile bool Fail;
    public List<KindCall> Of(long runId) => Calls.Where(c => c.RunId == runId).ToList();
}

/// <summary>A cycle kind that records each phase it is handed (a module would assign quizzes, send reminders…).</summary>
public sealed class RecordingKind(KindRecorder recorder, TimeProvider clock) : ICycleKind
{
    public const string KindKey = "test-recording";
    public string Key => KindKey;
    public string Name => "Recording";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        await Task.Yield();
        if (recorder.Fail) throw new InvalidOperationException("the test kind was told to fail");
        recorder.Calls.Enqueue(new KindCall(run.RunId, run.Phase, run.ReminderBefore, clock.GetUtcNow().UtcDateTime, run.TeamIds));
        return run.Phase == CyclePhase.Open ? new CyclePhaseResult(Targeted: 3) : run.Phase == CyclePhase.Close ? new CyclePhaseResult(Completed: 2) : new();
    }
}

/// <summary>
/// The portal's services (every module, migrations applied, no web server, no Quartz running) on a throwaway database,
/// with a fake clock and the recording kind: the dispatcher is ticked by the test, at the fake clock's time.
/// </summary>
public sealed class SchedulingWorld : IAsyncDisposable
{
    private WebApplication _app = null!;
    private TestDatabase _database = null!;

    public FakeTimeProvider Clock { get; private set; } = null!;
    public KindRecorder Recorder { get; } = new();
    public IServiceProvider Services => _app.Services;
    public TestDatabase Database => _database;

    public static async Task<SchedulingWorld> StartAsync(DateTime startUtc, DatabaseProvider provider = DatabaseProvider.Sqlite,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var world = new SchedulingWorld { Clock = new FakeTimeProvider(new DateTimeOffset(startUtc, TimeSpan.Zero)) };
        world._database = await TestDatabase.CreateAsync(provider);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = TestPaths.RepoRoot });
        builder.Configuration.AddInMemoryCollection(PortalFactory.Settings(world._database, importContent: false));
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPortal(PortalModules.All());
        builder.Services.AddSingleton<TimeProvider>(world.Clock);
        builder.Services.AddSingleton(world.Recorder);
        builder.Services.AddCycleKind<RecordingKind>();
        world._app = builder.Build();
        await world._app.Services.RunStartupStepsAsync();
        return world;
    }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public async Task<string> TeamAsync(string? timeZone = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Team " + Guid.NewGuid().ToString("N")[..8], "");
        Assert.Null(error);
        if (timeZone is not null) Assert.Null(await roster.SetTimeZoneAsync(team!.Id, timeZone));
        return team!.Id;
    }

    public async Task<Cycle> CycleAsync(CycleDraft draft)
    {
        await using var scope = Services.CreateAsyncScope();
        var (cycle, error) = await scope.ServiceProvider.GetRequiredService<Cycles>().CreateAsync(draft, "trainer@example.com");
        Assert.Null(error);
        return cycle!;
    }

    public static CycleDraft Weekly(string teamId, DayOfWeek day, int hour, int? openMinutes = null, IReadOnlyList<int>? reminders = null) =>
        new(RecordingKind.KindKey, "Weekly round", [teamId], CadenceKind.Weekly, new TimeOnly(hour, 0), DayOfWeek: day,
            OpenMinutes: openMinutes, ReminderMinutes: reminders);

    public async Task<T> WithAsync<T>(Func<Cycles, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<Cycles>());
    }

    public async Task<DispatchResult> TickAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CycleDispatcher>().TickAsync();
    }

    /// <summary>Moves the clock on by <paramref name="step"/> until <paramref name="untilUtc"/>, ticking after each step.</summary>
    public async Task RunUntilAsync(DateTime untilUtc, TimeSpan step)
    {
        while (Now < untilUtc)
        {
            Clock.Advance(Now + step > untilUtc ? untilUtc - Now : step);
            await TickAsync();
        }
    }

    public async Task<List<CycleRun>> RunsAsync(long cycleId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        return (await db.Runs.AsNoTracking().Where(r => r.CycleId == cycleId).ToListAsync()).OrderBy(r => r.ScheduledUtc).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
