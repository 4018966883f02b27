using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Diagnostics;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;
using Xunit.Abstractions;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>
/// The cluster proof on PostgreSQL (needs SALESACADEMY_TEST_POSTGRES, like every PostgreSQL test): two real portal processes
/// on one database run a cycle due every 15 seconds for more than a minute; one is killed with SIGKILL while it holds a
/// claimed phase. Every fire time gets exactly one run, every run completes (the survivor finishes the killed node's phase
/// once its claim runs out), and each member is told once per run. The counts are printed for the record.
/// </summary>
public sealed partial class ClusterProofTests(ITestOutputHelper output)
{
    private const int EverySeconds = 15;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(65);
    private const string ProbeTemplate = "Cluster probe: run {0} for {1}, by node {2}";

    [GeneratedRegex(@"cluster-probe: run (\d+) (held|finished) by node ([^ ,]+)")]
    private static partial Regex ProbeLine();

    [Fact]
    public async Task Two_portal_processes_run_each_fire_time_once_and_the_survivor_finishes_the_phase_of_a_node_killed_holding_it()
    {
        var clock = Stopwatch.StartNew();
        var node = new Dictionary<string, string?>
        {
            ["Scheduling:TickSeconds"] = "1",
            ["Scheduling:ClaimSeconds"] = "10",
            ["Scheduling:ClusterCheckinSeconds"] = "2", // a dead node's tick is freed after about 10 s, within one period
            ["Scheduling:ClusterProbeHoldSeconds"] = "4",
        };
        // The arranging side: migrations applied, Quartz not started; it makes the team and the cycle and reads the results.
        await using var world = await SchedulingWorld.StartAsync(DateTime.UtcNow, DatabaseProvider.Postgres, node);
        var members = new List<string>();
        var team = await world.TeamAsync();
        for (var i = 0; i < 3; i++) members.Add(await MemberAsync(world, team));
        // Creating (not starting) a scheduler here makes Quartz's tables, so the two nodes can start together.
        await world.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await ScalarAsync(world, "select 1") == 1, "Quartz's tables were not made");

        int portA = FreePort(), portB = FreePort();
        using var a = Start(world, "node-a", portA, node);
        using var b = Start(world, "node-b", portB, node);
        await WaitForAsync(async () => await HealthyAsync(portA) && await HealthyAsync(portB), TimeSpan.FromSeconds(120), "both nodes to serve", a, b);
        await WaitForAsync(async () => await ScalarAsync(world, "select count(*) from qrtz_scheduler_state") >= 2, TimeSpan.FromSeconds(30),
            "both nodes to check in with the cluster", a, b);
        output.WriteLine($"both nodes up after {clock.Elapsed.TotalSeconds:F0} s");

        // The window opens with the cycle, both nodes running.
        world.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var cycle = await world.CycleAsync(new CycleDraft(ClusterProbeKind.KindKey, "Cluster probe", [team], CadenceKind.Cron, default,
            Cron: $"*/{EverySeconds} * * * * *"));
        var from = cycle.ScheduleFromUtc;
        var windowEnd = from + Window;

        // Once two runs are done (about 30 s in), kill the node that next holds an open phase, while it holds it.
        await WaitForAsync(async () => (await RunsAsync(world, cycle.Id)).Count(r => r.Status == RunStatus.Closed) >= 2, TimeSpan.FromSeconds(60),
            "two runs to close", a, b);
        // A phase that began while the runs above closed may be near the end of its hold by now (on a busy machine the
        // wait above can lag seconds behind the nodes), and a kill then misses it: wait for a phase that begins from here.
        var heldBefore = Probe(a.Lines.Concat(b.Lines)).Where(p => p.Held).Select(p => p.Run).ToHashSet();
        (PortalProcess Victim, long Run)? held = null;
        await WaitForAsync(() =>
        {
            held = Holding(a) ?? Holding(b);
            return Task.FromResult(held is not null);
        }, TimeSpan.FromSeconds(40), "a node to begin holding an open phase", a, b);
        var (victim, killedRun) = held!.Value;
        var survivor = victim == a ? b : a;
        await victim.KillAsync();
        var killedAt = DateTime.UtcNow;
        var atKill = (await RunsAsync(world, cycle.Id)).Single(r => r.Id == killedRun);
        Assert.Equal(RunStatus.Pending, atKill.Status); // killed holding the claimed open phase
        Assert.True(atKill.ClaimedUntilUtc > killedAt, $"run {killedRun}'s claim ran out before the kill");
        output.WriteLine($"killed {victim.Name} (pid {victim.Id}) at {clock.Elapsed.TotalSeconds:F0} s holding run {killedRun}'s open phase, claimed until {atKill.ClaimedUntilUtc:HH:mm:ss.fff}");

        // The survivor goes on; at the window's end the cycle is paused and the runs made by then finish.
        output.WriteLine("Quartz after the kill (scheduler_state, triggers, fired_triggers):\n" + await QuartzStateAsync(world));
        var lastFire = FireTimes(from, windowEnd)[^1];
        await WaitForAsync(async () => (await RunsAsync(world, cycle.Id)).Any(r => r.ScheduledUtc >= lastFire), Window + TimeSpan.FromSeconds(30),
            $"the run of the window's last fire time ({lastFire:HH:mm:ss})", survivor);
        world.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Assert.Null(await world.WithAsync(c => c.PauseAsync(cycle.Id, "test")));
        await WaitForAsync(async () => (await RunsAsync(world, cycle.Id)).All(r => r.Status == RunStatus.Closed), TimeSpan.FromSeconds(60),
            "every run to close", survivor);

        var runs = await RunsAsync(world, cycle.Id);
        var fireTimes = FireTimes(from, windowEnd);
        var inWindow = runs.Where(r => r.ScheduledUtc <= windowEnd).ToList();
        var finished = Probe(a.Lines.Concat(b.Lines)).Where(p => !p.Held).Select(p => (p.Run, p.Node)).ToList();
        var told = await ProbeNoticesAsync(world);
        var killedRunRow = runs.Single(r => r.Id == killedRun);
        output.WriteLine($"window {from:HH:mm:ss}–{windowEnd:HH:mm:ss} UTC: {fireTimes.Count} fire times, {inWindow.Count} runs in it ({runs.Count} in all), "
            + $"{runs.Count(r => r.Trigger == RunTrigger.CatchUp)} catch-up, {runs.Count(r => r.Status == RunStatus.Closed)} closed");
        foreach (var n in new[] { a, b })
            output.WriteLine($"{n.Name} (pid {n.Id}{(n == victim ? ", killed" : "")}): finished {finished.Count(f => f.Node.EndsWith(":" + n.Id, StringComparison.Ordinal))} runs");
        output.WriteLine($"run {killedRun}: {killedRunRow.Attempts} attempts, closed {(killedRunRow.EndedUtc - killedAt)?.TotalSeconds:F1} s after the kill, "
            + $"finished by {finished.Where(f => f.Run == killedRun).Select(f => f.Node).SingleOrDefault() ?? "?"}");
        output.WriteLine($"notifications: {told.Count} for {runs.Count} runs × {members.Count} members; "
            + $"per (run, member) max {told.GroupBy(t => t).Max(g => g.Count())}; total time {clock.Elapsed.TotalSeconds:F0} s");

        // Every fire time in the window has exactly one run, on time (no catch-up: the takeover was within one period).
        Assert.Equal(fireTimes, inWindow.Select(r => r.ScheduledUtc).Order().ToList());
        Assert.All(inWindow, r => Assert.Equal(RunTrigger.Scheduled, r.Trigger));
        // Every run completed; the killed node's phase was finished by the survivor after the claim ran out.
        Assert.All(runs, r => Assert.Equal((RunStatus.Closed, (string?)null, members.Count), (r.Status, r.Error, r.Completed ?? -1)));
        Assert.True(killedRunRow.Attempts >= 2, $"run {killedRun} was handed to a kind {killedRunRow.Attempts} time(s)");
        Assert.Contains(finished, f => f.Run == killedRun && f.Node.EndsWith(":" + survivor.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(finished, f => f.Run == killedRun && f.Node.EndsWith(":" + victim.Id, StringComparison.Ordinal));
        // Each member is told exactly once per run.
        var expected = runs.SelectMany(r => members.Select(m => (r.Id, m))).Order().ToList();
        Assert.Equal(expected, told.Order().ToList());
        Assert.False(survivor.HasExited, survivor.Tail());

        // A run this node logged as held (since heldBefore) and no node has logged as finished: it is inside the phase's hold now.
        (PortalProcess, long)? Holding(PortalProcess process)
        {
            var done = Probe(a.Lines.Concat(b.Lines)).Where(p => !p.Held).Select(p => p.Run).ToHashSet();
            return Probe(process.Lines).Where(p => p.Held && !done.Contains(p.Run) && !heldBefore.Contains(p.Run))
                .Select(p => ((PortalProcess, long)?)(process, p.Run)).LastOrDefault();
        }
    }

    private static IEnumerable<(long Run, bool Held, string Node)> Probe(IEnumerable<string> lines) =>
        lines.Select(l => ProbeLine().Match(l)).Where(m => m.Success)
            .Select(m => (long.Parse(m.Groups[1].Value), m.Groups[2].Value == "held", m.Groups[3].Value));

    /// <summary>The cron's fire times in (from, until]: every 15 s on the UTC clock (the site's zone is whole hours from UTC).</summary>
    private static List<DateTime> FireTimes(DateTime from, DateTime until)
    {
        var ticks = TimeSpan.FromSeconds(EverySeconds).Ticks;
        var next = new DateTime((from.Ticks / ticks + 1) * ticks, DateTimeKind.Utc);
        var times = new List<DateTime>();
        for (; next <= until; next = next.AddTicks(ticks)) times.Add(next);
        return times;
    }

    private static PortalProcess Start(SchedulingWorld world, string name, int port, IReadOnlyDictionary<string, string?> node)
    {
        var settings = PortalFactory.Settings(world.Database, importContent: false);
        foreach (var (key, value) in node) settings[key] = value;
        settings["Portal:DataDir"] = Path.Combine(world.Database.DataDirectory, name); // its own search index and mail folder
        settings["Search:NodeName"] = name;
        settings["urls"] = $"http://127.0.0.1:{port}";
        settings["Logging:LogLevel:SalesAcademy.Scheduling.Diagnostics"] = "Information";
        settings["Logging:LogLevel:Quartz"] = "Information";
        Directory.CreateDirectory(settings["Portal:DataDir"]!);
        var logs = Path.Combine(Path.GetTempPath(), "sa-cluster-proof");
        Directory.CreateDirectory(logs);
        return new PortalProcess(name, settings, Path.Combine(logs, $"{DateTime.UtcNow:HHmmss}-{name}.log"));
    }

    private static async Task<string> MemberAsync(SchedulingWorld world, string teamId)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var email = $"m{Guid.NewGuid():N}"[..12] + "@salesacademy.test";
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().CreateAsync(email, "Member " + email[..6], TestUsers.Password, PortalRoles.Rep);
        Assert.True(user is not null, string.Join("; ", errors));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<TeamRoster>().AddMemberAsync(teamId, email, "AccountManager"));
        return email;
    }

    private static async Task<List<CycleRun>> RunsAsync(SchedulingWorld world, long cycleId)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        return (await db.Runs.AsNoTracking().Where(r => r.CycleId == cycleId).ToListAsync()).OrderBy(r => r.ScheduledUtc).ToList();
    }

    /// <summary>(run id, recipient) of every cluster-probe notification stored in-app.</summary>
    private static async Task<List<(long Run, string Recipient)>> ProbeNoticesAsync(SchedulingWorld world)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Template == ProbeTemplate).ToListAsync();
        return rows.Select(n => (long.Parse(JsonSerializer.Deserialize<List<string>>(n.Arguments)![0]), n.Recipient)).ToList();
    }

    private static async Task<string> QuartzStateAsync(SchedulingWorld world)
    {
        await using var connection = new NpgsqlConnection(world.Database.ConnectionString);
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var sql in new[] { "select instance_name, last_checkin_time, checkin_interval from qrtz_scheduler_state",
                     "select trigger_name, trigger_state, next_fire_time from qrtz_triggers", "select instance_name, state, fired_time from qrtz_fired_triggers" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                text.AppendLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }
        return text.ToString();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> HealthyAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode; }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { return false; }
    }

    private static async Task<long> ScalarAsync(SchedulingWorld world, string sql)
    {
        await using var connection = new NpgsqlConnection(world.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var exists = new NpgsqlCommand("select to_regclass('qrtz_scheduler_state') is not null", connection))
            if (!(bool)(await exists.ExecuteScalarAsync())!) return 0;
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="timeout"/> with the nodes' last output, or when one exits.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, params PortalProcess[] nodes)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            foreach (var n in nodes)
                Assert.False(n.HasExited, $"{n.Name} exited while waiting for {what}:\n{n.Tail()}");
            if (DateTime.UtcNow > until)
                Assert.Fail($"Waited {timeout.TotalSeconds:F0} s for {what}.\n" + string.Join("\n", nodes.Select(n => $"--- {n.Name}:\n{n.Tail()}")));
            await Task.Delay(100);
        }
    }
}
