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
/// (SQLite: scheduler.db in the data folder; PostgreSQL: the portal's database, clustered), and Quartz's tick runs a cycle.
/// </summary>
public abstract class QuartzStoreTests(DatabaseProvider provider)
{
    private sealed class SchedulingPortal(TestDatabase database, KindRecorder recorder) : PortalFactory(database, importContent: false,
        overrides: new Dictionary<string, string?> { ["Scheduling:TickSeconds"] = "1" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(recorder).AddCycleKind<RecordingKind>());
        }
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
    public async Task An_empty_database_gets_the_Quartz_schema_at_start_and_Quartz_ticks_a_run_now_through_to_closed()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var recorder = new KindRecorder();
        for (var start = 1; start <= 2; start++) // the second start finds the schema the first made
        {
            await using var portal = new SchedulingPortal(database, recorder);
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
        }
    }
}

public sealed class QuartzStoreTests_Sqlite() : QuartzStoreTests(DatabaseProvider.Sqlite);

public sealed class QuartzStoreTests_Postgres() : QuartzStoreTests(DatabaseProvider.Postgres);
