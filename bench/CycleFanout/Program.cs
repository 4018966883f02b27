// bench/cycle-fanout.sh drives this:
//   CycleFanout <dataDir> <reps> <teams> [postgres connection string]
// On a fresh database (migrations, set up) it writes <reps> reps spread over <teams> teams straight into the Accounts and
// Teams tables (EF AddRange: password hashing 10,000 users would only measure PBKDF2), publishes a one-question quiz
// through ContentManager, then hands the Open phase of a quiz-round run targeting every team to the quiz-round kind, as
// the cycle dispatcher does, and times it: assignments written and every rep told in-app. It prints the phase's time, the
// part spent in IUserNotifications, and the rows counted afterwards (assignments, in-app notifications with the run's text).
// On a shared machine the process's CPU time during the phase says what the phase costs whatever else runs (SQLite works
// in-process; PostgreSQL's own time is not in it). Then the two directory reads the phase makes, timed alone.
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Portal;
using SalesAcademy.Quizzes;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Rounds;
using SalesAcademy.Teams.Data;
using SalesAcademy.Teams.Models;

var (dataDir, reps, teamCount, postgres) = (args[0], int.Parse(args[1]), int.Parse(args[2]), args.Length > 3 ? args[3] : null);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Portal:DataDir"] = dataDir, ["Portal:ImportContentOnStart"] = "false", ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None", // a fresh database: the migrations-table probes log as failures
    ["Portal:Setup:AdminEmail"] = "bench@example.com", ["Portal:Setup:AdminPassword"] = "Bench password 2026 ok",
    ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres", ["ConnectionStrings:Portal"] = postgres ?? "",
});
// With FANOUT_SMTP_PORT (bench/cycle-fanout.sh --email starts a loopback SMTP server there): every rep routes the round's
// opening notice to e-mail too, and the outbox's sender is timed delivering those messages to that server.
var smtpPort = Environment.GetEnvironmentVariable("FANOUT_SMTP_PORT");
if (smtpPort is { Length: > 0 })
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = smtpPort, ["Mail:Security"] = "None", ["Portal:PublicUrl"] = "http://127.0.0.1:5080",
    });
builder.AddPortal(PortalModules.All());
// Time spent telling people, measured around the portal's own IUserNotifications.
var notifyWatch = new Stopwatch();
var inner = builder.Services.Last(d => d.ServiceType == typeof(IUserNotifications));
builder.Services.Remove(inner);
builder.Services.AddScoped<IUserNotifications>(sp => new TimedNotifications(
    (IUserNotifications)(inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)), notifyWatch));
await using var app = builder.Build();
await app.Services.RunStartupStepsAsync();

var setup = Stopwatch.StartNew();
var teamIds = new List<string>();
await using (var scope = app.Services.CreateAsyncScope())
{
    var accounts = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
    var teams = scope.ServiceProvider.GetRequiredService<TeamsDbContext>();
    var now = DateTime.UtcNow;
    for (var t = 0; t < teamCount; t++)
    {
        var team = new Team { Name = $"Bench team {t + 1:000}", CreatedUtc = now };
        teams.Teams.Add(team);
        teamIds.Add(team.Id);
    }
    for (var i = 0; i < reps; i++)
    {
        var email = $"rep{i:00000}@bench.test";
        var user = new PortalUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = $"Rep {i}", CreatedUtc = now, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        accounts.Users.Add(user);
        // The first member of each team is its lead (they get the summary when the round closes).
        teams.Members.Add(new TeamMember { TeamId = teamIds[i % teamCount], UserId = user.Id, TeamRole = i < teamCount ? "Lead" : "AccountManager" });
    }
    await accounts.SaveChangesAsync();
    await teams.SaveChangesAsync();
    if (smtpPort is { Length: > 0 })
    {
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        for (var i = 0; i < reps; i++)
            notifications.Routes.Add(new SalesAcademy.Notifications.Models.NotificationRoute
            {
                Recipient = $"rep{i:00000}@bench.test", Kind = QuizRoundKind.OpenNotice, Route = SalesAcademy.Notifications.Models.Routes.Email,
            });
        await notifications.SaveChangesAsync();
    }
}
string quizId;
await using (var scope = app.Services.CreateAsyncScope())
{
    var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
    var q = manager.New(QuizzesModule.QuestionType);
    q.Apply(new TitlePart { Title = "Bench question" }).Apply(new RoutePart { Slug = "bench-question" }).Apply(new MarkdownBodyPart { Markdown = "Which one?" })
        .Apply(new QuestionPart { Kind = QuestionKinds.Single, Explanation = "Because.", Choices = [new() { Text = "Right", Correct = true }, new() { Text = "Wrong" }] });
    var question = await manager.CreateAsync(q, "bench", publish: true);
    var quiz = manager.New(QuizzesModule.QuizType);
    quiz.Apply(new TitlePart { Title = "Bench round quiz" }).Apply(new RoutePart { Slug = "bench-round-quiz" }).Apply(new MarkdownBodyPart { Markdown = "A round." })
        .Apply(new QuizPart { Questions = [question.ContentItemId] });
    quizId = (await manager.CreateAsync(quiz, "bench", publish: true)).ContentItemId;
}
Console.WriteLine($"setup: {reps:N0} reps in {teamCount} teams and a quiz in {setup.Elapsed.TotalSeconds:0.0} s ({(postgres is null ? "SQLite" : "PostgreSQL")})");

// Warm-up: a small round (the first team) so the measured phase runs on a warm process, as in a running portal.
var warm = new CycleRunContext(1, 1, QuizRoundKind.KindKey, CyclePhase.Open, teamIds.Take(1).ToList(), DateTime.UtcNow, DateTime.UtcNow.AddDays(2), null,
    $$"""{"quiz":"{{quizId}}"}""", "Asia/Shanghai");
await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == QuizRoundKind.KindKey).RunAsync(warm, CancellationToken.None);
notifyWatch.Reset();

var runId = 2L;
var opened = DateTime.UtcNow;
var context = new CycleRunContext(1, runId, QuizRoundKind.KindKey, CyclePhase.Open, teamIds, opened, opened.AddDays(2), null,
    $$"""{"quiz":"{{quizId}}"}""", "Asia/Shanghai");
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var phase = Stopwatch.StartNew();
CyclePhaseResult result;
await using (var scope = app.Services.CreateAsyncScope())
    result = await scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == QuizRoundKind.KindKey).RunAsync(context, CancellationToken.None);
phase.Stop();
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

await using (var scope = app.Services.CreateAsyncScope())
{
    var assignments = await scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().Assignments.CountAsync(a => a.RunId == runId);
    var notices = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications
        .CountAsync(n => n.Template.StartsWith("Your team's quiz round has opened") && n.CreatedUtc >= opened);
    Console.WriteLine($"open phase: {phase.Elapsed.TotalSeconds:0.00} s (of which IUserNotifications {notifyWatch.Elapsed.TotalSeconds:0.00} s; " +
        $"CPU time of this process {cpu:0.00} s, the machine being shared); " +
        $"targeted {result.Targeted:N0}; assignments {assignments:N0}; in-app notifications {notices:N0}; target <= 5 s: {(phase.Elapsed.TotalSeconds <= 5 ? "met" : "NOT met")}");
}

if (smtpPort is { Length: > 0 })
{
    // The outbox's sender as it runs on a node (Notifications:Delivery:Parallelism sends at once), until every e-mail is out.
    var delivery = app.Services.GetRequiredService<SalesAcademy.Notifications.Delivery.DeliveryService>();
    var mailWatch = Stopwatch.StartNew();
    int queued, sent;
    while (true)
    {
        await delivery.RunOnceAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Deliveries.Where(d => d.Channel == SalesAcademy.Notifications.Models.DeliveryChannels.Email);
        queued = await rows.CountAsync(d => d.Status == SalesAcademy.Notifications.Models.DeliveryStatus.Queued);
        sent = await rows.CountAsync(d => d.Status == SalesAcademy.Notifications.Models.DeliveryStatus.Sent);
        if (queued == 0 || mailWatch.Elapsed > TimeSpan.FromMinutes(10)) break;
    }
    mailWatch.Stop();
    Console.WriteLine($"e-mail fan-out: {sent:N0} messages sent to the loopback SMTP server in {mailWatch.Elapsed.TotalSeconds:0.0} s " +
        $"({sent / mailWatch.Elapsed.TotalSeconds:0} messages/s); {queued:N0} still queued");
}

// Where the rest goes: the reads the phase makes, timed alone (warm).
await using (var scope = app.Services.CreateAsyncScope())
{
    var watch = Stopwatch.StartNew();
    var members = await scope.ServiceProvider.GetRequiredService<SalesAcademy.Core.Security.ITeamDirectory>().MembersAsync(teamIds);
    var membersTime = watch.Elapsed.TotalSeconds;
    watch.Restart();
    await scope.ServiceProvider.GetRequiredService<SalesAcademy.Core.Security.IUserDirectory>().ByIdsAsync(members.Select(m => m.UserId).ToList());
    Console.WriteLine($"  of which (timed alone): team members {membersTime:0.00} s, users by id {watch.Elapsed.TotalSeconds:0.00} s");
}

/// <summary>The portal's notifications, timed.</summary>
sealed class TimedNotifications(IUserNotifications inner, Stopwatch watch) : IUserNotifications
{
    public async Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default)
    {
        watch.Start();
        try { await inner.NotifyAsync(recipient, template, args, url, ct); } finally { watch.Stop(); }
    }

    public async Task NotifyAsync(IReadOnlyCollection<string> recipients, Notice notice, CancellationToken ct = default)
    {
        watch.Start();
        try { await inner.NotifyAsync(recipients, notice, ct); } finally { watch.Stop(); }
    }

    public async Task NotifyTeamAsync(string teamId, Notice notice, CancellationToken ct = default)
    {
        watch.Start();
        try { await inner.NotifyTeamAsync(teamId, notice, ct); } finally { watch.Stop(); }
    }
}
