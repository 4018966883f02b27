// bench/insights.sh drives this:
//   InsightsBench <dataDir> <contentDir> <teams> <members> <weeks> [postgres connection string]
// On a fresh database (migrations, the seed content imported for its tagged questions) it writes <weeks> weeks of activity for
// <teams> teams of <members> members straight into each module's own tables (EF AddRange, seeded Random(42)): per team and week
// a quiz round (an assignment and a 10-question attempt per member), review cards with their review log, a closed pulse
// (5 dimensions × 2 statements), a closed retro (cards, votes, 3 actions due), comments and content views; every 4th week a
// finalised drill session (3 players, 4 raters, 2 criteria). Then it times the insights run: every team, each of the <weeks>
// weekly periods in turn (what a backfill does), and prints per-period and total times and the rows stored.
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Comments.Data;
using SalesAcademy.Comments.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Models;
using SalesAcademy.Insights.Services;
using SalesAcademy.Portal;
using SalesAcademy.Pulses.Data;
using SalesAcademy.Pulses.Models;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Rounds;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;
using SalesAcademy.Teams.Data;
using SalesAcademy.Teams.Models;

var (dataDir, contentDir, teamCount, memberCount, weeks) = (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]));
var postgres = args.Length > 5 ? args[5] : null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Portal:DataDir"] = dataDir, ["Portal:ContentDir"] = contentDir, ["Portal:ImportContentOnStart"] = "true",
    ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
    ["Portal:Setup:AdminEmail"] = "bench@example.com", ["Portal:Setup:AdminPassword"] = "Bench password 2026 ok",
    ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres", ["ConnectionStrings:Portal"] = postgres ?? "",
});
builder.AddPortal(PortalModules.All());
await using var app = builder.Build();
await app.Services.RunStartupStepsAsync();

var random = new Random(42);
var start = new DateTime(2026, 9, 7, 0, 0, 0, DateTimeKind.Utc); // a Monday; week w covers [start + 7w, start + 7(w + 1))
DateTime Week(int w) => start.AddDays(7 * w);
var setup = Stopwatch.StartNew();
var teamIds = new List<string>();
var members = new Dictionary<string, List<(string Id, string Name)>>();
await using (var scope = app.Services.CreateAsyncScope())
{
    var sp = scope.ServiceProvider;
    var published = sp.GetRequiredService<PublishedContent>();
    var questions = (await published.ListAsync("Question")).Select(q => q.ContentItemId).ToList();
    if (questions.Count == 0) throw new InvalidOperationException("No published questions: is the content directory right?");
    var items = (await published.AllAsync()).Select(i => i.ContentItemId).Take(50).ToList();

    var accounts = sp.GetRequiredService<AccountsDbContext>();
    var teams = sp.GetRequiredService<TeamsDbContext>();
    for (var t = 0; t < teamCount; t++)
    {
        var team = new Team { Name = $"Bench team {t + 1:000}", CreatedUtc = start };
        teams.Teams.Add(team);
        teamIds.Add(team.Id);
        members[team.Id] = [];
        for (var m = 0; m < memberCount; m++)
        {
            var email = $"t{t:000}m{m:00}@bench.test";
            var user = new PortalUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = email, CreatedUtc = start, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            accounts.Users.Add(user);
            teams.Members.Add(new TeamMember { TeamId = team.Id, UserId = user.Id, TeamRole = m == 0 ? "Lead" : "AccountManager" });
            members[team.Id].Add((user.Id, email));
        }
    }
    await accounts.SaveChangesAsync();
    await teams.SaveChangesAsync();

    var quizzes = sp.GetRequiredService<QuizzesDbContext>();
    var pulses = sp.GetRequiredService<PulsesDbContext>();
    var retros = sp.GetRequiredService<RetrosDbContext>();
    var comments = sp.GetRequiredService<CommentsDbContext>();
    var drills = sp.GetRequiredService<DrillSessionsDbContext>();
    var insights = sp.GetRequiredService<InsightsDbContext>();
    var drillJson = JsonSerializer.Serialize(new DrillPart
    {
        Scenario = "bench", DurationMinutes = 30,
        Roles = [new DrillRole { Role = "AccountManager" }, new DrillRole { Role = "SolutionManager" }, new DrillRole { Role = "DeliveryManager" }],
        Steps = [new DrillStep { Title = "Meet", Minutes = 10 }],
        Rubric = [new RubricCriterion { Criterion = "Clear roles", Weight = 60 }, new RubricCriterion { Criterion = "One answer", Weight = 40 }],
    });
    long run = 1;
    var number = 0;
    foreach (var teamId in teamIds)
    {
        var people = members[teamId];
        // Review cards: 20 per member, each reviewed in 1-3 of the weeks.
        var cards = new List<ReviewCard>();
        foreach (var (id, _) in people)
            foreach (var q in questions.OrderBy(_ => random.Next()).Take(20))
                cards.Add(new ReviewCard { UserId = id, QuestionItemId = q, State = CardState.Review, DueUtc = Week(weeks), Stability = 5, Difficulty = 5, CreatedUtc = start });
        quizzes.ReviewCards.AddRange(cards);
        await quizzes.SaveChangesAsync();
        foreach (var card in cards)
            for (var r = random.Next(1, 4); r > 0; r--)
                quizzes.ReviewLog.Add(new ReviewLogEntry { CardId = card.Id, UserId = card.UserId, Rating = ReviewRating.Good,
                    ReviewedUtc = Week(random.Next(weeks)).AddHours(random.Next(150)), Stability = random.Next(2, 40), Difficulty = 5, State = CardState.Review });

        for (var w = 0; w < weeks; w++)
        {
            var due = Week(w).AddDays(4);
            run++;
            foreach (var (id, name) in people)
            {
                var took = random.NextDouble() < 0.85;
                quizzes.Assignments.Add(new QuizAssignment { RunId = run, CycleId = 1, QuizItemId = "bench-quiz", TeamId = teamId, UserId = id, UserName = name,
                    AssignedUtc = Week(w), DueUtc = due, State = took ? AssignmentState.Completed : AssignmentState.Missing });
                if (!took) continue;
                var attempt = new QuizAttempt { QuizItemId = "bench-quiz", QuizVersionId = "v1", UserId = id, UserName = name, Number = ++number,
                    State = AttemptState.Submitted, StartedUtc = due.AddHours(-2), FinishedUtc = due.AddHours(-1), MaxScore = 10 };
                var slot = 0;
                foreach (var q in questions.OrderBy(_ => random.Next()).Take(10))
                    attempt.Questions.Add(new AttemptQuestion { Slot = slot++, QuestionItemId = q, QuestionVersionId = "v", Points = 1, Fraction = random.Next(2) });
                attempt.Score = attempt.Questions.Sum(q => q.Fraction);
                quizzes.Attempts.Add(attempt);
            }
            var respondents = random.Next(2, people.Count + 1);
            var pulse = new Pulse { CycleId = 1, RunId = run, TeamId = teamId, PackItemId = "pack", PackVersionId = "pv", PackVersionNumber = 1,
                OpenedUtc = Week(w), ClosesUtc = due, ClosedUtc = due, Respondents = respondents };
            pulses.Pulses.Add(pulse);
            await pulses.SaveChangesAsync();
            for (var p = 0; p < respondents; p++)
                for (var d = 0; d < 5; d++)
                    for (var s = 0; s < 2; s++)
                        pulses.Answers.Add(new PulseAnswer { Id = Guid.NewGuid(), PulseId = pulse.Id, PackVersionId = "pv", DimensionKey = "dim" + d,
                            StatementKey = $"d{d}s{s}", Value = random.Next(1, 6) });
            var retro = new Retro { TeamId = teamId, Title = "bench", TemplateItemId = "t", TemplateVersionId = "tv", Phase = RetroPhase.Closed,
                Writers = random.Next(people.Count + 1), CreatedUtc = due.AddHours(-3), ClosedUtc = due.AddHours(-1), CycleRunId = run };
            retros.Retros.Add(retro);
            await retros.SaveChangesAsync();
            for (var c = 0; c < 20; c++) retros.Cards.Add(new RetroCard { RetroId = retro.Id, PromptKey = "p", Text = "card" });
            foreach (var (id, _) in people.Where(_ => random.NextDouble() < 0.7)) retros.Votes.Add(new RetroVote { RetroId = retro.Id, GroupId = 1, UserId = id });
            for (var a = 0; a < 3; a++)
                retros.Actions.Add(new RetroAction { RetroId = retro.Id, TeamId = teamId, Text = "action", OwnerUserId = people[random.Next(people.Count)].Id,
                    DueUtc = DateOnly.FromDateTime(Week(w + 1).AddDays(2)), Status = (RetroActionStatus)random.Next(4), CreatedUtc = due, LinkedContentItemId = items[random.Next(items.Count)] });
            foreach (var (_, name) in people)
                for (var c = random.Next(4); c > 0; c--)
                    comments.Comments.Add(new Comment { ContentItemId = items[random.Next(items.Count)], Author = name, AuthorName = name, Markdown = "bench", CreatedUtc = Week(w).AddHours(random.Next(160)) });
            foreach (var (id, _) in people)
                for (var d = 0; d < 7; d++)
                    if (random.NextDouble() < 0.5)
                        insights.ContentViews.Add(new ContentViewCount { Day = DateOnly.FromDateTime(Week(w).AddDays(d)), ContentItemId = items[random.Next(items.Count)],
                            UserId = id, Count = random.Next(1, 6) });
            if (w % 4 == 3)
            {
                var session = new DrillSession { TeamId = teamId, DrillContentItemId = "bench-drill", DrillVersion = "v1", DrillJson = drillJson, DrillSlug = "bench",
                    DrillCulture = "en", Title = "bench", ScheduledUtc = Week(w).AddDays(1), Status = DrillSessionStatus.Closed, CreatedUtc = Week(w),
                    FinalizedUtc = Week(w).AddDays(2), CycleRunId = run };
                drills.Sessions.Add(session);
                await drills.SaveChangesAsync();
                string[] roles = ["AccountManager", "SolutionManager", "DeliveryManager"];
                for (var r = 0; r < 3; r++) drills.Participants.Add(new DrillParticipant { SessionId = session.Id, UserId = people[r + 1].Id, RoleKey = roles[r] });
                for (var rater = 0; rater < 4; rater++)
                    foreach (var role in roles)
                        for (var c = 0; c < 2; c++)
                            drills.Ratings.Add(new DrillRating { SessionId = session.Id, RaterUserId = people[rater].Id, RaterKind = DrillRaterKind.Peer, RateeRoleKey = role,
                                CriterionIndex = c, Score = random.Next(1, 6), CreatedUtc = Week(w), UpdatedUtc = Week(w) });
            }
        }
        await quizzes.SaveChangesAsync();
        await pulses.SaveChangesAsync();
        await retros.SaveChangesAsync();
        await comments.SaveChangesAsync();
        await drills.SaveChangesAsync();
        await insights.SaveChangesAsync();
        foreach (var db in new DbContext[] { quizzes, pulses, retros, comments, drills, insights }) db.ChangeTracker.Clear();
    }
}
Console.WriteLine($"setup: {teamCount} teams x {memberCount} members x {weeks} weeks of activity written in {setup.Elapsed.TotalSeconds:0.0} s " +
                  $"({(postgres is null ? "SQLite" : "PostgreSQL")})");

// Warm-up (JIT, query compilation): one team, one period, not counted.
await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<InsightsRun>().RunAsync([teamIds[0]], Week(0), Week(1), null, CancellationToken.None);

var total = Stopwatch.StartNew();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var times = new List<double>();
var steps = new Dictionary<string, double>(StringComparer.Ordinal);
for (var w = 0; w < weeks; w++)
{
    var watch = Stopwatch.StartNew();
    await using var scope = app.Services.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<InsightsRun>().RunAsync(teamIds, Week(w), Week(w + 1), 1000 + w, CancellationToken.None);
    times.Add(watch.Elapsed.TotalSeconds);
    foreach (var (step, ms) in result.Milliseconds) steps[step] = steps.GetValueOrDefault(step) + ms;
    Console.WriteLine($"  week {w + 1,2}: {result.Teams} teams, {result.Snapshots} snapshots, {result.Values:N0} values in {watch.Elapsed.TotalSeconds:0.00} s");
}
var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
    Console.WriteLine($"insights run, {teamCount} teams x {memberCount} members x {weeks} weekly periods: {total.Elapsed.TotalSeconds:0.00} s " +
                      $"(process CPU {cpuUsed.TotalSeconds:0.00} s; one period: median {times.Order().ElementAt(times.Count / 2):0.00} s, max {times.Max():0.00} s)");
    Console.WriteLine("  time per step over all periods: " + string.Join(", ", steps.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value / 1000:0.00} s")));
    Console.WriteLine($"stored: {await db.Snapshots.CountAsync():N0} snapshots, {await db.Values.CountAsync():N0} values; target <= 30 s: " +
                      (total.Elapsed.TotalSeconds <= 30 ? "met" : "NOT met"));
}
