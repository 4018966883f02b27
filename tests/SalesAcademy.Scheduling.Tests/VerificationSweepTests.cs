using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Content.Verification;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>
/// The verification sweep (Content's cycle kind) on the fake clock, daily at 09:00 Shanghai (01:00 UTC): owners are told
/// once per due period, overdue items escalate to the administrators once after the grace period.
/// </summary>
public sealed class VerificationSweepTests
{
    private static DateTime Utc(int mo, int d, int h) => new(2027, mo, d, h, 0, 0, DateTimeKind.Utc);

    private sealed record Told(string Recipient, string Template, IReadOnlyList<string> Args, string? Url);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Owners_are_told_once_per_due_period_and_overdue_items_escalate_to_administrators_once(DatabaseProvider provider)
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(3, 1, 0), provider);
        var owner = await UserAsync(world, PortalRoles.Rep);
        var outsider = await UserAsync(world, PortalRoles.Rep); // owns due content but is in no target team
        var trainer = await UserAsync(world, PortalRoles.Trainer); // may verify anything, but escalations go to administrators
        var team = await world.TeamAsync();
        await MemberAsync(world, team, owner);
        await MemberAsync(world, team, trainer);

        // Verified now: A and B fall due tomorrow at 00:00 UTC, C in 30 days; the outsider's D is due tomorrow too.
        var a = await PublishedAsync(world, owner, "Alpha case", verifyEveryDays: 1);
        var b = await PublishedAsync(world, owner, "Bravo case", verifyEveryDays: 1);
        await PublishedAsync(world, owner, "Charlie case", verifyEveryDays: 30);
        await PublishedAsync(world, outsider, "Delta case", verifyEveryDays: 1);

        var cycle = await world.CycleAsync(new CycleDraft(VerificationSweep.KindKey, "Daily sweep", [team], CadenceKind.Cron, default,
            Cron: "0 9 * * *", Settings: """{"graceDays": 2}"""));

        // The first sweep (2 March, 01:00 UTC): one notification to the owner, for both items, linking to the queue.
        await world.RunUntilAsync(Utc(3, 2, 2), TimeSpan.FromHours(1));
        var first = Assert.Single(await ToldAsync(world));
        Assert.Equal(owner, first.Recipient);
        Assert.Equal("{0} content items you own are due for verification: {1}", first.Template);
        Assert.Equal(["2", "Alpha case, Bravo case"], first.Args);
        Assert.Equal("/review/due", first.Url);
        var runs = await world.RunsAsync(cycle.Id); // 1 March: nothing due yet; 2 March: A and B
        Assert.Equal([(RunStatus.Closed, 0, 0), (RunStatus.Closed, 2, 1)], runs.Select(r => (r.Status, r.Targeted ?? -1, r.Completed ?? -1)));

        // The next day's sweep finds the same due period: nothing new.
        await world.RunUntilAsync(Utc(3, 3, 2), TimeSpan.FromHours(1));
        Assert.Single(await ToldAsync(world));
        Assert.Equal(3, (await world.RunsAsync(cycle.Id)).Count);

        // A is verified (due again on 4 March at 02:00); the 4 March sweep (01:00) finds it not yet due, the 5 March one
        // tells the owner again, about A only. B, overdue since 2 March, passes the 2-day grace on 4 March: escalated.
        await VerifyAsync(world, a);
        await world.RunUntilAsync(Utc(3, 4, 2), TimeSpan.FromHours(1));
        var admins = await AdministratorsAsync(world);
        Assert.NotEmpty(admins);
        var afterFourth = await ToldAsync(world);
        Assert.Single(afterFourth, t => t.Recipient == owner);
        var escalations = afterFourth.Where(t => t.Template.StartsWith("Overdue for verification", StringComparison.Ordinal)).ToList();
        Assert.Equal(admins.Order(), escalations.Select(t => t.Recipient).Order());
        Assert.All(escalations, t => Assert.Equal(["2", "Bravo case", owner, "2027-03-02"], t.Args));

        await world.RunUntilAsync(Utc(3, 5, 2), TimeSpan.FromHours(1));
        var again = (await ToldAsync(world)).Where(t => t.Recipient == owner).ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal("One content item you own is due for verification: {0}", again[1].Template);
        Assert.Equal(["Alpha case"], again[1].Args);

        // B is escalated once, not every day; A (due 4 March 02:00) passes its grace on 6 March 02:00 and is escalated on the 7th.
        await world.RunUntilAsync(Utc(3, 7, 2), TimeSpan.FromHours(1));
        var all = await ToldAsync(world);
        foreach (var admin in admins)
            Assert.Equal(["Bravo case", "Alpha case"], all.Where(t => t.Recipient == admin).Select(t => t.Args[1]));
        Assert.Equal(2, all.Count(t => t.Recipient == owner)); // the owner is not told every day, and gets no escalation
        Assert.DoesNotContain(all, t => t.Recipient == outsider || t.Recipient == trainer && !admins.Contains(trainer));
        Assert.DoesNotContain(all, t => t.Args.Any(x => x.Contains("Charlie", StringComparison.Ordinal) || x.Contains("Delta", StringComparison.Ordinal)));
        runs = await world.RunsAsync(cycle.Id);
        Assert.Equal(7, runs.Count); // one a day, 1 to 7 March
        Assert.All(runs, r => Assert.Equal(RunStatus.Closed, r.Status));

        // Handing the last run's open phase to the sweep again (a crash, a duplicate fire) tells no one anything.
        var last = runs[^1];
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var sweep = scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == VerificationSweep.KindKey);
            var result = await sweep.RunAsync(new CycleRunContext(cycle.Id, last.Id, VerificationSweep.KindKey, CyclePhase.Open, [team],
                last.ScheduledUtc, null, null, """{"graceDays": 2}"""), CancellationToken.None);
            Assert.Equal(0, result.Completed);
        }
        Assert.Equal(all.Count, (await ToldAsync(world)).Count);
    }

    [Fact]
    public async Task A_sweep_with_nothing_due_tells_no_one_and_bad_settings_fail_the_run_with_a_clear_error()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(3, 1, 0));
        var owner = await UserAsync(world, PortalRoles.Rep);
        var team = await world.TeamAsync();
        await MemberAsync(world, team, owner);
        await PublishedAsync(world, owner, "Echo case", verifyEveryDays: 30);
        var quiet = await world.CycleAsync(new CycleDraft(VerificationSweep.KindKey, "Quiet sweep", [team], CadenceKind.Cron, default, Cron: "0 9 * * *"));
        var broken = await world.CycleAsync(new CycleDraft(VerificationSweep.KindKey, "Broken sweep", [team], CadenceKind.Cron, default,
            Cron: "0 9 * * *", Settings: """{"graceDays": "soon"}"""));

        await world.RunUntilAsync(Utc(3, 3, 2), TimeSpan.FromHours(1));

        Assert.Empty(await ToldAsync(world));
        Assert.All(await world.RunsAsync(quiet.Id), r => Assert.Equal((RunStatus.Closed, 0), (r.Status, r.Targeted)));
        var failed = (await world.RunsAsync(broken.Id)).First();
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("graceDays", failed.Error);
    }

    private static async Task<string> UserAsync(SchedulingWorld world, string role)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var email = $"u{Guid.NewGuid():N}"[..12] + "@salesacademy.test";
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().CreateAsync(email, "Person " + email[..6], TestUsers.Password, role);
        Assert.True(user is not null, string.Join("; ", errors));
        return email;
    }

    private static async Task MemberAsync(SchedulingWorld world, string teamId, string email)
    {
        await using var scope = world.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<TeamRoster>().AddMemberAsync(teamId, email, "AccountManager"));
    }

    /// <summary>A published case owned by <paramref name="owner"/>, verified now (the fake clock's time).</summary>
    private static async Task<string> PublishedAsync(SchedulingWorld world, string owner, string title, int verifyEveryDays)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = $"v-{Guid.NewGuid():N}"[..20];
        var item = manager.New("CaseStudy", id)
            .Apply(new TitlePart { Title = title, Summary = "A case to verify." })
            .Apply(new RoutePart { Slug = id })
            .Apply(new MarkdownBodyPart { Markdown = "## 背景\n\n正文。" })
            .Apply(new TagsPart { Tags = ["crm"] })
            .Apply(new OwnershipPart { Owner = owner, VerifyEveryDays = verifyEveryDays })
            .Apply(new CaseStudyPart
            {
                Company = "华为 Huawei", Industry = "ict", Region = "China", DealSize = "strategic", Outcome = "won",
                Roles = ["AccountManager"], Lessons = ["一起面对客户。"],
            });
        await manager.CreateAsync(item, owner, publish: true);
        await manager.MarkVerifiedAsync(id, owner);
        return id;
    }

    private static async Task VerifyAsync(SchedulingWorld world, string id)
    {
        await using var scope = world.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContentManager>().MarkVerifiedAsync(id, "owner");
    }

    private static async Task<IReadOnlyList<string>> AdministratorsAsync(SchedulingWorld world)
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUserDirectory>().UsersWithPermissionAsync(ContentPermissions.VerifyEscalations);
    }

    private static async Task<List<Told>> ToldAsync(SchedulingWorld world)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        return rows.Select(n => new Told(n.Recipient, n.Template, JsonSerializer.Deserialize<List<string>>(n.Arguments)!, n.Url)).ToList();
    }
}
