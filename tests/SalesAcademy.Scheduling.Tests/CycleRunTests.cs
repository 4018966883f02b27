using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>Cycles on the fake clock: fire times across daylight saving, once per fire time, catch-up, pause and resume, run now, phases.</summary>
public sealed class CycleRunTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_weekly_cycle_runs_at_nine_local_in_Berlin_across_the_spring_change_and_in_Shanghai()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 20, 0));
        var berlin = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync("Europe/Berlin"), DayOfWeek.Monday, 9));
        var shanghai = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9)); // the site's zone

        await world.RunUntilAsync(Utc(2027, 4, 6, 0), TimeSpan.FromHours(1));

        var berlinRuns = await world.RunsAsync(berlin.Id);
        Assert.Equal([Utc(2027, 3, 22, 8), Utc(2027, 3, 29, 7), Utc(2027, 4, 5, 7)], berlinRuns.Select(r => r.ScheduledUtc));
        var shanghaiRuns = await world.RunsAsync(shanghai.Id);
        Assert.Equal([Utc(2027, 3, 22, 1), Utc(2027, 3, 29, 1), Utc(2027, 4, 5, 1)], shanghaiRuns.Select(r => r.ScheduledUtc));
        Assert.All(berlinRuns.Concat(shanghaiRuns), r =>
        {
            Assert.Equal(RunTrigger.Scheduled, r.Trigger);
            Assert.Equal(RunStatus.Closed, r.Status); // no open window: opened and closed at its fire time
            Assert.Equal(r.ScheduledUtc, r.StartedUtc);
            Assert.Equal(3, r.Targeted);
        });
        Assert.Equal(6, world.Recorder.Calls.Count(c => c.Phase == CyclePhase.Open));
    }

    [Fact]
    public async Task After_downtime_across_three_fire_times_one_catch_up_run_is_made_for_the_latest()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0));
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9, openMinutes: 60 * 24 * 2));

        // Down from Sunday 21 March to Wednesday 7 April: Mondays 22 and 29 March and 5 April pass with no tick.
        world.Clock.SetUtcNow(new DateTimeOffset(Utc(2027, 4, 7, 6)));
        Assert.Equal(1, (await world.TickAsync()).RunsCreated);
        await world.TickAsync();

        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(Utc(2027, 4, 5, 1), run.ScheduledUtc);
        Assert.Equal(RunTrigger.CatchUp, run.Trigger);
        Assert.Equal(RunStatus.Open, run.Status);
        Assert.Equal(Utc(2027, 4, 7, 6), run.StartedUtc);
        Assert.Equal(Utc(2027, 4, 9, 6), run.ClosesUtc); // the open window starts when the catch-up run opens

        // And the schedule goes on as before.
        await world.RunUntilAsync(Utc(2027, 4, 12, 2), TimeSpan.FromHours(1));
        Assert.Equal([Utc(2027, 4, 5, 1), Utc(2027, 4, 12, 1)], (await world.RunsAsync(cycle.Id)).Select(r => r.ScheduledUtc));
        Assert.Equal(RunTrigger.Scheduled, (await world.RunsAsync(cycle.Id))[1].Trigger);
    }

    [Fact]
    public async Task A_paused_cycle_makes_no_runs_and_after_resume_it_does_not_make_up_the_paused_weeks()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0));
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9));
        Assert.Null(await world.WithAsync(c => c.PauseAsync(cycle.Id, "lead@example.com")));
        Assert.Null(await world.WithAsync(async c => await c.NextFireUtcAsync((await c.FindAsync(cycle.Id))!)));

        await world.RunUntilAsync(Utc(2027, 4, 1, 0), TimeSpan.FromHours(6)); // Mondays 22 and 29 March pass while paused
        Assert.Empty(await world.RunsAsync(cycle.Id));

        Assert.Null(await world.WithAsync(c => c.ResumeAsync(cycle.Id, "lead@example.com")));
        await world.TickAsync();
        Assert.Empty(await world.RunsAsync(cycle.Id)); // nothing made up
        Assert.Equal(Utc(2027, 4, 5, 1), await world.WithAsync(async c => await c.NextFireUtcAsync((await c.FindAsync(cycle.Id))!)));

        await world.RunUntilAsync(Utc(2027, 4, 5, 2), TimeSpan.FromHours(1));
        Assert.Equal([Utc(2027, 4, 5, 1)], (await world.RunsAsync(cycle.Id)).Select(r => r.ScheduledUtc));
    }

    [Fact]
    public async Task Run_now_makes_one_manual_run_at_once_even_when_asked_twice_and_the_schedule_goes_on()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 10));
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9, openMinutes: 120));
        Assert.Null(await world.WithAsync(c => c.PauseAsync(cycle.Id, "lead@example.com"))); // a paused cycle can be run by hand too

        var (first, error) = await world.WithAsync(c => c.RunNowAsync(cycle.Id, "lead@example.com"));
        Assert.Null(error);
        var (second, _) = await world.WithAsync(c => c.RunNowAsync(cycle.Id, "lead@example.com"));
        Assert.Equal(first!.Id, second!.Id);
        await world.TickAsync();

        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(RunTrigger.Manual, run.Trigger);
        Assert.Equal(RunStatus.Open, run.Status);
        Assert.Equal(Utc(2027, 3, 21, 12), run.ClosesUtc);
        Assert.Single(world.Recorder.Of(run.Id), c => c.Phase == CyclePhase.Open);

        Assert.Null(await world.WithAsync(c => c.ResumeAsync(cycle.Id, "lead@example.com")));
        await world.RunUntilAsync(Utc(2027, 3, 22, 2), TimeSpan.FromHours(1));
        var runs = await world.RunsAsync(cycle.Id);
        Assert.Equal([RunTrigger.Manual, RunTrigger.Scheduled], runs.Select(r => r.Trigger));
        Assert.Equal(RunStatus.Closed, runs[0].Status);
    }

    [Fact]
    public async Task A_run_opens_reminds_at_each_offset_before_closing_then_closes_each_phase_once()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0));
        var team = await world.TeamAsync();
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(team, DayOfWeek.Monday, 9, openMinutes: 3 * 24 * 60, reminders: [60, 24 * 60]));

        await world.RunUntilAsync(Utc(2027, 3, 26, 0), TimeSpan.FromMinutes(15));

        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        var calls = world.Recorder.Of(run.Id);
        Assert.Equal([CyclePhase.Open, CyclePhase.Remind, CyclePhase.Remind, CyclePhase.Close], calls.Select(c => c.Phase));
        Assert.Equal([Utc(2027, 3, 22, 1), Utc(2027, 3, 24, 1), Utc(2027, 3, 25, 0), Utc(2027, 3, 25, 1)], calls.Select(c => c.AtUtc));
        Assert.Equal([null, TimeSpan.FromHours(24), TimeSpan.FromHours(1), null], calls.Select(c => c.ReminderBefore));
        Assert.All(calls, c => Assert.Equal([team], c.TeamIds));
        Assert.Equal(RunStatus.Closed, run.Status);
        Assert.Equal((3, 2), (run.Targeted, run.Completed));
        Assert.Equal(Utc(2027, 3, 25, 1), run.EndedUtc);
    }

    [Fact]
    public async Task A_failing_phase_is_recorded_with_its_error_and_a_retry_runs_it_again()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0));
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9));
        world.Recorder.Fail = true;
        await world.RunUntilAsync(Utc(2027, 3, 22, 2), TimeSpan.FromHours(1));

        var failed = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("Open: the test kind was told to fail", failed.Error);
        await world.TickAsync();
        Assert.Equal(1, (await world.RunsAsync(cycle.Id)).Single().Attempts); // a failed run waits for a retry

        world.Recorder.Fail = false;
        Assert.Null(await world.WithAsync(c => c.RetryAsync(failed.Id, "admin@example.com")));
        await world.TickAsync();
        var retried = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(RunStatus.Closed, retried.Status);
        Assert.Null(retried.Error);
        Assert.Equal(2, retried.Attempts);
    }

    [Fact]
    public async Task A_phase_held_by_a_node_that_died_is_taken_over_when_its_claim_runs_out()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 22, 1));
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9));
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
            // A node claimed the open phase of the 09:00 run a minute ago and died before finishing it.
            db.Runs.Add(new CycleRun { CycleId = cycle.Id, ScheduledUtc = Utc(2027, 3, 29, 1), NextDueUtc = Utc(2027, 3, 29, 1),
                ClaimedUntilUtc = Utc(2027, 3, 29, 1, 9), Attempts = 1 });
            await db.SaveChangesAsync();
        }
        world.Clock.SetUtcNow(new DateTimeOffset(Utc(2027, 3, 29, 1, 1)));
        await world.TickAsync();
        Assert.Empty(world.Recorder.Calls); // still held

        world.Clock.SetUtcNow(new DateTimeOffset(Utc(2027, 3, 29, 1, 10)));
        await world.TickAsync();
        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(RunStatus.Closed, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Single(world.Recorder.Calls);
    }

    [Fact]
    public async Task Bad_cycle_input_is_refused_naming_the_field()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0));
        var team = await world.TeamAsync();
        async Task<string?> ErrorOf(CycleDraft draft) => (await world.WithAsync(c => c.CreateAsync(draft, "trainer@example.com"))).Error;
        var good = SchedulingWorld.Weekly(team, DayOfWeek.Monday, 9, openMinutes: 60);
        Assert.StartsWith("Kind:", await ErrorOf(good with { Kind = "no-such-kind" }));
        Assert.StartsWith("Teams:", await ErrorOf(good with { TeamIds = ["nope"] }));
        Assert.StartsWith("Cron:", await ErrorOf(good with { Cadence = CadenceKind.Cron, Cron = "0 25 * * *" }));
        Assert.StartsWith("Day of month:", await ErrorOf(good with { Cadence = CadenceKind.Monthly, DayOfMonth = 31 }));
        Assert.StartsWith("Reminders:", await ErrorOf(good with { ReminderMinutes = [60] }));
        Assert.StartsWith("Time zone:", await ErrorOf(good with { TimeZone = "Mars/Olympus" }));
        Assert.Null(await ErrorOf(good));
    }

    [Fact]
    public async Task A_team_keeps_its_own_time_zone_else_the_site_default_Asia_Shanghai()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0));
        var own = await world.TeamAsync("Europe/Berlin");
        var site = await world.TeamAsync();
        await using var scope = world.Services.CreateAsyncScope();
        var zones = await scope.ServiceProvider.GetRequiredService<ITeamDirectory>().TimeZonesAsync([own, site, "missing"]);
        Assert.Equal(new Dictionary<string, string> { [own] = "Europe/Berlin", [site] = "Asia/Shanghai" }, zones);
        Assert.Equal("Choose a time zone such as Asia/Shanghai or Europe/Berlin.",
            await scope.ServiceProvider.GetRequiredService<TeamRoster>().SetTimeZoneAsync(own, "Europe/Atlantis"));
    }

    [Fact]
    public async Task A_teams_cycles_are_listed_with_the_cadence_in_words_its_zone_and_next_fire_time()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 23, 0));
        var berlin = await world.TeamAsync("Europe/Berlin");
        var other = await world.TeamAsync();
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(berlin, DayOfWeek.Monday, 9));
        await world.CycleAsync(SchedulingWorld.Weekly(other, DayOfWeek.Friday, 9));

        await using var scope = world.Services.CreateAsyncScope();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var listed = Assert.Single(await scope.ServiceProvider.GetRequiredService<ITeamCycles>().ForTeamAsync(berlin));
            Assert.Equal(new CycleSummary(cycle.Id, RecordingKind.KindKey, "每周一 09:00", "Europe/Berlin", true, Utc(2027, 3, 29, 7), "Weekly round", "Recording"), listed);
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }
}

/// <summary>One run per cycle and fire time, whoever fires it and however often: on SQLite and on PostgreSQL (where nodes really race).</summary>
public abstract class OncePerFireTimeTests(DatabaseProvider provider)
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_trigger_that_fires_twice_or_on_two_nodes_at_once_makes_one_run_opened_once()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0), provider);
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9));
        world.Clock.SetUtcNow(new DateTimeOffset(Utc(2027, 3, 22, 1)));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(world.TickAsync))); // four "nodes" at the same instant
        await world.TickAsync(); // and the same trigger once more

        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(Utc(2027, 3, 22, 1), run.ScheduledUtc);
        Assert.Single(world.Recorder.Of(run.Id), c => c.Phase == CyclePhase.Open);
    }

    [Fact]
    public async Task The_database_refuses_a_second_run_for_the_same_cycle_and_fire_time()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 21, 0), provider);
        var cycle = await world.CycleAsync(SchedulingWorld.Weekly(await world.TeamAsync(), DayOfWeek.Monday, 9));
        await using var scope = world.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        db.Runs.Add(new CycleRun { CycleId = cycle.Id, ScheduledUtc = Utc(2027, 3, 22, 1) });
        await db.SaveChangesAsync();
        db.Runs.Add(new CycleRun { CycleId = cycle.Id, ScheduledUtc = Utc(2027, 3, 22, 1), Trigger = RunTrigger.CatchUp });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public sealed class OncePerFireTimeTests_Sqlite() : OncePerFireTimeTests(DatabaseProvider.Sqlite);

public sealed class OncePerFireTimeTests_Postgres() : OncePerFireTimeTests(DatabaseProvider.Postgres);
