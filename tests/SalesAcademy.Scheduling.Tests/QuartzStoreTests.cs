using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>
/// The whole portal, with Quartz running on its persistent store: the schema is made on an empty database at start
/// (SQLite: scheduler.db in the data folder; PostgreSQL: the portal's database, clustered), Quartz's tick runs a cycle, and
/// every module's upkeep (<see cref="IPeriodicTask"/>) is a Quartz job that runs on its interval.
/// </summary>
public abstract class QuartzStoreTests(DatabaseProvider provider)
{
    private sealed class SchedulingPortal(TestDatabase database, KindRecorder recorder, TaskCounter counter) : PortalFactory(database, importContent: false,
        overrides: new Dictionary<string, string?> { ["Scheduling:TickSeconds"] = "1" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(recorder).AddCycleKind<RecordingKind>()
                .AddSingleton(counter).AddPeriodicTask<CountingTask>(CountingTask.Key, "Count", TimeSpan.FromSeconds(1)));
        }
    }

    public sealed class TaskCounter { public int Runs; }

    private sealed class CountingTask(TaskCounter counter) : IPeriodicTask
    {
        public const string Key = "tests.counting";
        public Task<int> RunAsync(CancellationToken ct) => Task.FromResult(Interlocked.Increment(ref counter.Runs));
    }

    private async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "scheduler.db")};Mode=ReadOnly")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"Waited 30 s for {what}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_empty_database_gets_the_Quartz_schema_at_start_Quartz_ticks_a_run_now_through_to_closed_and_runs_the_modules_upkeep()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var recorder = new KindRecorder();
        var counter = new TaskCounter();
        long? reminderStart = null;
        for (var start = 1; start <= 2; start++) // the second start finds the schema the first made
        {
            await using var portal = new SchedulingPortal(database, recorder, counter);
            portal.StartServer();
            var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await WaitForAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running), "Quartz to run");

            Assert.Equal(1, await CountAsync(database, "select count(*) from qrtz_job_details where job_name = 'cycle-dispatch'"));
            Assert.Equal(1, await CountAsync(database, "select count(*) from qrtz_triggers where trigger_name = 'cycle-dispatch-tick'"));
            if (provider == DatabaseProvider.Postgres) // clustered: each node checks in
                await WaitForAsync(async () => await CountAsync(database, "select count(*) from qrtz_scheduler_state") >= 1, "the cluster check-in");

            long runId;
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                var (team, _) = await scope.ServiceProvider.GetRequiredService<TeamRoster>().CreateAsync($"Quartz team {start}", "");
                var cycles = scope.ServiceProvider.GetRequiredService<Cycles>();
                var (cycle, error) = await cycles.CreateAsync(new CycleDraft(RecordingKind.KindKey, "Quartz", [team!.Id], CadenceKind.Weekly,
                    new TimeOnly(9, 0), DayOfWeek: DayOfWeek.Monday), "trainer@example.com");
                Assert.Null(error);
                runId = (await cycles.RunNowAsync(cycle!.Id, "trainer@example.com")).Run!.Id;
            }
            await WaitForAsync(async () =>
            {
                await using var scope = portal.Services.CreateAsyncScope();
                var cycles = scope.ServiceProvider.GetRequiredService<Cycles>();
                var run = (await cycles.RunsAsync((await cycles.AllAsync()).Last().Id)).Single();
                return run.Status == RunStatus.Closed;
            }, "Quartz's tick to open and close the run");
            Assert.Single(recorder.Of(runId), c => c.Phase == CyclePhase.Open);

            // Each module's upkeep is a durable Quartz job with its trigger; a restart keeps a stored trigger (an hourly
            // task whose first run moved an hour away at every start would never run on a site restarted more often).
            foreach (var task in new[] { "retros.action-reminders", "pulses.close-due", "quizzes.overdue-attempts", CountingTask.Key })
                Assert.Equal(1, await CountAsync(database, $"select count(*) from qrtz_triggers where trigger_group = 'upkeep' and trigger_name = '{task}'"));
            var startTime = await CountAsync(database, "select start_time from qrtz_triggers where trigger_name = 'retros.action-reminders'");
            Assert.Equal(reminderStart ?? startTime, startTime);
            reminderStart = startTime;
            var before = counter.Runs;
            await WaitForAsync(() => Task.FromResult(counter.Runs >= before + 2), "the one-second upkeep task to run twice");
        }
    }
}

public sealed class QuartzStoreTests_Sqlite() : QuartzStoreTests(DatabaseProvider.Sqlite);

public sealed class QuartzStoreTests_Postgres() : QuartzStoreTests(DatabaseProvider.Postgres);
