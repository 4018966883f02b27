using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Quizzes;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Rounds;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>Quizzes, members and notices for the quiz-round and review-reminder kinds, made through the modules' services.</summary>
public sealed class RoundArrange(IServiceProvider services)
{
    public sealed record Member(string Id, string Email);

    public async Task<Member> UserAsync(string role = PortalRoles.Rep)
    {
        await using var scope = services.CreateAsyncScope();
        var email = $"round-{Guid.NewGuid():N}"[..18] + "@salesacademy.test";
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().CreateAsync(email, "Member " + email[6..12], TestUsers.Password, role);
        Assert.True(user is not null, string.Join("; ", errors));
        return new Member(user!.Id, email);
    }

    /// <summary>A team with the given members (the first with <paramref name="leadFirst"/> as its lead).</summary>
    public async Task<string> TeamAsync(IEnumerable<Member> members, bool leadFirst = true)
    {
        await using var scope = services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Round team " + Guid.NewGuid().ToString("N")[..6], null, "test");
        Assert.Null(error);
        var first = true;
        foreach (var m in members)
        {
            Assert.Null(await roster.AddMemberAsync(team!.Id, m.Email, first && leadFirst ? TeamRoles.Lead : "AccountManager"));
            first = false;
        }
        return team!.Id;
    }

    /// <summary>A published quiz of <paramref name="questions"/> single-choice questions (option 0 is right), fixed order.</summary>
    public async Task<(ContentItem Quiz, List<ContentItem> Questions)> QuizAsync(int questions = 2)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var made = new List<ContentItem>();
        for (var i = 0; i < questions; i++)
        {
            var q = manager.New(QuizzesModule.QuestionType);
            q.Apply(new TitlePart { Title = $"Round question {i + 1}" }).Apply(new RoutePart { Slug = "rq-" + Guid.NewGuid().ToString("N")[..10] })
                .Apply(new MarkdownBodyPart { Markdown = "Which one?" })
                .Apply(new QuestionPart { Kind = QuestionKinds.Single, Explanation = "Because.", Choices = [new() { Text = "Right", Correct = true }, new() { Text = "Wrong" }] });
            made.Add(await manager.CreateAsync(q, "tests", publish: true));
        }
        var quiz = manager.New(QuizzesModule.QuizType);
        quiz.Apply(new TitlePart { Title = "Round quiz " + Guid.NewGuid().ToString("N")[..6] }).Apply(new RoutePart { Slug = "round-quiz-" + Guid.NewGuid().ToString("N")[..10] })
            .Apply(new MarkdownBodyPart { Markdown = "A round." }).Apply(new QuizPart { Questions = made.Select(m => m.ContentItemId).ToList(), PassMark = 60 });
        return (await manager.CreateAsync(quiz, "tests", publish: true), made);
    }

    public static string Settings(ContentItem quiz) => JsonSerializer.Serialize(new Dictionary<string, string> { ["quiz"] = quiz.ContentItemId });

    /// <summary>Starts an attempt and answers the given questions (true: the right option, false: the wrong one).</summary>
    public async Task<long> AnswerAsync(Member member, ContentItem quiz, IReadOnlyDictionary<ContentItem, bool> answers, bool submit = false)
    {
        await using var scope = services.CreateAsyncScope();
        var attempts = scope.ServiceProvider.GetRequiredService<QuizAttempts>();
        var started = await attempts.StartAsync(quiz.ContentItemId, new Taker(member.Id, member.Email));
        Assert.True(started.Attempt is not null, started.Refusal);
        var attempt = (await attempts.GetAsync(started.Attempt!.Id))!;
        var sent = answers.ToDictionary(a => attempt.Questions.Single(q => q.QuestionItemId == a.Key.ContentItemId).Slot,
            a => (AttemptAnswer?)new AttemptAnswer { Choice = AttemptOptions.Of(attempt.Questions.Single(q => q.QuestionItemId == a.Key.ContentItemId)).IdOf(a.Value ? 0 : 1) });
        Assert.Equal(SaveStatus.Saved, (await attempts.SaveAsync(attempt.Id, member.Id, attempt.Sequence, sent)).Status);
        if (submit) await attempts.SubmitAsync(attempt.Id, member.Id);
        return attempt.Id;
    }

    public async Task<List<UserNotification>> NoticesAsync(Member member)
    {
        await using var scope = services.CreateAsyncScope();
        var me = member.Email.ToLowerInvariant();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Recipient == me).OrderBy(n => n.Id).ToListAsync();
    }

    public async Task<List<QuizAssignment>> AssignmentsAsync(long runId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().Assignments.AsNoTracking().Where(a => a.RunId == runId).ToListAsync();
    }

    public async Task<QuizAttempt> AttemptAsync(long id)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<QuizAttempts>().GetAsync(id))!;
    }

    /// <summary>Hands one phase straight to a kind, as the dispatcher does (a fresh scope each time).</summary>
    public async Task<CyclePhaseResult> PhaseAsync(string kind, CycleRunContext run)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == kind).RunAsync(run, CancellationToken.None);
    }
}

/// <summary>The quiz-round and review-reminder kinds driven by the dispatcher on the fake clock.</summary>
public sealed class QuizRoundTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static CycleDraft Round(string teamId, ContentItem quiz) =>
        new(QuizRoundKind.KindKey, "Monday round", [teamId], CadenceKind.Weekly, new TimeOnly(9, 0), DayOfWeek.Monday, TimeZone: "Etc/UTC",
            OpenMinutes: 2 * 24 * 60, ReminderMinutes: [24 * 60], Settings: RoundArrange.Settings(quiz));

    [Fact]
    public async Task A_quiz_round_opens_reminds_those_not_finished_and_closes_grading_saved_answers_and_marking_the_missing()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 7, 12)); // a Sunday
        var arrange = new RoundArrange(world.Services);
        var lead = await arrange.UserAsync(PortalRoles.TeamLead);
        var (partial, done, never) = (await arrange.UserAsync(), await arrange.UserAsync(), await arrange.UserAsync());
        var team = await arrange.TeamAsync([lead, partial, done, never]);
        var (quiz, questions) = await arrange.QuizAsync(2);
        var cycle = await world.CycleAsync(Round(team, quiz));

        // Monday 09:00 UTC: the round opens; every member (the lead too) is assigned, due when it closes, and told.
        await world.RunUntilAsync(Utc(2027, 3, 8, 9, 1), TimeSpan.FromMinutes(30));
        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        var assignments = await arrange.AssignmentsAsync(run.Id);
        Assert.Equal(4, assignments.Count);
        Assert.All(assignments, a => Assert.Equal(Utc(2027, 3, 10, 9), a.DueUtc));
        Assert.Equal(4, run.Targeted);
        var opened = Assert.Single(await arrange.NoticesAsync(partial));
        Assert.Equal("Your team's quiz round has opened: {0}. Finish it by {1}.", opened.Template);
        Assert.Contains("2027-03-10 09:00", opened.Arguments);
        Assert.Equal($"/quizzes/{quiz.Slug}", opened.Url);

        // One member answers one question right and leaves the other; one finishes with both right; two never start.
        world.Clock.Advance(TimeSpan.FromHours(1));
        var partialAttempt = await arrange.AnswerAsync(partial, quiz, new Dictionary<ContentItem, bool> { [questions[0]] = true });
        await arrange.AnswerAsync(done, quiz, new Dictionary<ContentItem, bool> { [questions[0]] = true, [questions[1]] = true }, submit: true);

        // Tuesday 09:00 (24 h before closing): the reminder goes only to those who have not finished.
        await world.RunUntilAsync(Utc(2027, 3, 9, 9, 1), TimeSpan.FromMinutes(30));
        const string reminder = "Reminder: your team's quiz round {0} closes at {1} and you have not finished it yet.";
        foreach (var m in new[] { lead, partial, never }) Assert.Single(await arrange.NoticesAsync(m), n => n.Template == reminder);
        Assert.DoesNotContain(await arrange.NoticesAsync(done), n => n.Template == reminder);
        Assert.Equal(1, (await world.RunsAsync(cycle.Id))[0].Completed);

        // Wednesday 09:00: closing submits the attempt in progress graded on its saved answer, and marks the two who never started.
        await world.RunUntilAsync(Utc(2027, 3, 10, 9, 1), TimeSpan.FromMinutes(30));
        run = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal(RunStatus.Closed, run.Status);
        Assert.Equal((4, 2), (run.Targeted, run.Completed));
        var graded = await arrange.AttemptAsync(partialAttempt);
        Assert.Equal(AttemptState.Submitted, graded.State);
        Assert.Equal(50, QuizAttempts.Percent(graded));
        var byUser = (await arrange.AssignmentsAsync(run.Id)).ToDictionary(a => a.UserId);
        Assert.Equal((AssignmentState.Completed, 50.0, partialAttempt), (byUser[partial.Id].State, byUser[partial.Id].Percent!.Value, byUser[partial.Id].AttemptId!.Value));
        Assert.Equal((AssignmentState.Completed, 100.0), (byUser[done.Id].State, byUser[done.Id].Percent!.Value));
        Assert.Equal(AssignmentState.Missing, byUser[never.Id].State);
        Assert.Equal(AssignmentState.Missing, byUser[lead.Id].State);

        // Each member gets their result; the lead also gets the summary: 2 of 4, mean 75, who has not taken it.
        var result = Assert.Single(await arrange.NoticesAsync(partial), n => n.Template.StartsWith("Your team's quiz round {0} has closed", StringComparison.Ordinal));
        Assert.Equal("Your team's quiz round {0} has closed: you scored {1}%.", result.Template);
        Assert.Equal([quiz.DisplayText, "50"], JsonSerializer.Deserialize<string[]>(result.Arguments)!);
        Assert.Equal($"/quizzes/attempt/{partialAttempt}/result", result.Url);
        Assert.Single(await arrange.NoticesAsync(never), n => n.Template == "Your team's quiz round {0} has closed and you did not take it.");
        var summary = Assert.Single(await arrange.NoticesAsync(lead), n => n.Template.StartsWith("Quiz round {0} has closed for {1}", StringComparison.Ordinal));
        var args = JsonSerializer.Deserialize<string[]>(summary.Arguments)!;
        Assert.Equal(("2", "4", "75%"), (args[2], args[3], args[4]));
        Assert.Contains(never.Email, args[5]);
        Assert.Contains(lead.Email, args[5]);
        Assert.DoesNotContain(partial.Email, args[5]);
        Assert.Equal($"/quizzes/rounds/{run.Id}?team={team}", summary.Url);
        Assert.DoesNotContain(await arrange.NoticesAsync(partial), n => n.Template.StartsWith("Quiz round {0} has closed for", StringComparison.Ordinal));

        // The lead's summary: the weakest question is the one the partial answer left out (1 of 2 right).
        await using var scope = world.Services.CreateAsyncScope();
        var round = await scope.ServiceProvider.GetRequiredService<QuizRounds>().SummaryAsync(run.Id, [team], CancellationToken.None);
        Assert.Equal((4, 2, 75.0), (round.Assigned, round.Finished, round.Mean!.Value));
        Assert.Equal(questions[1].ContentItemId, round.Weakest[0].QuestionItemId);
        Assert.Equal(0.5, round.Weakest[0].ShareCorrect);
        Assert.Equal(1.0, round.Weakest[1].ShareCorrect);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_open_phase_run_twice_makes_one_assignment_and_one_notification_per_member(DatabaseProvider provider)
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 7, 12), provider);
        var arrange = new RoundArrange(world.Services);
        var members = new[] { await arrange.UserAsync(PortalRoles.TeamLead), await arrange.UserAsync(), await arrange.UserAsync() };
        var team = await arrange.TeamAsync(members);
        var (quiz, _) = await arrange.QuizAsync(1);
        var cycle = await world.CycleAsync(Round(team, quiz));
        await world.RunUntilAsync(Utc(2027, 3, 8, 9, 1), TimeSpan.FromMinutes(30));
        var run = Assert.Single(await world.RunsAsync(cycle.Id));

        // The same phase handed to the kind again (a duplicate fire, a node taking over a claim that ran out).
        var again = new CycleRunContext(cycle.Id, run.Id, QuizRoundKind.KindKey, CyclePhase.Open, [team], run.ScheduledUtc, run.ClosesUtc, null,
            RoundArrange.Settings(quiz));
        Assert.Equal(3, (await arrange.PhaseAsync(QuizRoundKind.KindKey, again)).Targeted);
        await Task.WhenAll(arrange.PhaseAsync(QuizRoundKind.KindKey, again), arrange.PhaseAsync(QuizRoundKind.KindKey, again));

        var assignments = await arrange.AssignmentsAsync(run.Id);
        Assert.Equal(members.Select(m => m.Id).Order(), assignments.Select(a => a.UserId).Order());
        foreach (var m in members)
            Assert.Single(await arrange.NoticesAsync(m), n => n.Template.StartsWith("Your team's quiz round has opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_review_reminder_tells_only_reps_with_due_cards_how_many_and_only_once_a_day()
    {
        await using var world = await SchedulingWorld.StartAsync(Utc(2027, 3, 7, 12));
        var arrange = new RoundArrange(world.Services);
        var (due, none, later) = (await arrange.UserAsync(), await arrange.UserAsync(), await arrange.UserAsync());
        var team = await arrange.TeamAsync([due, none, later], leadFirst: false);
        await using (var scope = world.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
            db.ReviewCards.AddRange(
                new ReviewCard { UserId = due.Id, QuestionItemId = "q1", DueUtc = Utc(2027, 3, 7, 0), CreatedUtc = Utc(2027, 3, 6, 0), State = CardState.Review },
                new ReviewCard { UserId = due.Id, QuestionItemId = "q2", DueUtc = Utc(2027, 3, 7, 10), CreatedUtc = Utc(2027, 3, 6, 0), State = CardState.Learning },
                new ReviewCard { UserId = due.Id, QuestionItemId = "q3", DueUtc = Utc(2027, 3, 7, 0), CreatedUtc = Utc(2027, 3, 6, 0), State = CardState.Suspended },
                new ReviewCard { UserId = later.Id, QuestionItemId = "q1", DueUtc = Utc(2027, 3, 20, 0), CreatedUtc = Utc(2027, 3, 6, 0), State = CardState.Review });
            await db.SaveChangesAsync();
        }
        var cycle = await world.CycleAsync(new CycleDraft(ReviewReminderKind.KindKey, "Daily review", [team], CadenceKind.Cron, default,
            Cron: "0 8 * * *", TimeZone: "Etc/UTC"));

        await world.RunUntilAsync(Utc(2027, 3, 8, 8, 1), TimeSpan.FromMinutes(30));
        const string many = "You have {0} questions due in your daily review.";
        var told = Assert.Single(await arrange.NoticesAsync(due));
        Assert.Equal((many, "/daily-review"), (told.Template, told.Url));
        Assert.Equal(["2"], JsonSerializer.Deserialize<string[]>(told.Arguments)!);
        Assert.Empty(await arrange.NoticesAsync(none));
        Assert.Empty(await arrange.NoticesAsync(later));
        var run = Assert.Single(await world.RunsAsync(cycle.Id));
        Assert.Equal((3, 1), (run.Targeted, run.Completed));

        // The same day again (run now): nobody is told twice.
        world.Clock.Advance(TimeSpan.FromHours(2));
        await world.WithAsync(c => c.RunNowAsync(cycle.Id, "trainer@example.com"));
        await world.TickAsync();
        Assert.Equal(2, (await world.RunsAsync(cycle.Id)).Count);
        Assert.Single(await arrange.NoticesAsync(due));

        // The next day the cards are still due: told again, once.
        await world.RunUntilAsync(Utc(2027, 3, 9, 8, 1), TimeSpan.FromMinutes(30));
        Assert.Equal(2, (await arrange.NoticesAsync(due)).Count(n => n.Template == many));
        Assert.Empty(await arrange.NoticesAsync(none));
    }
}

/// <summary>The quiz round in the web portal: the editor's quiz field and its refusal, the API's kinds, and who may open a round's summary.</summary>
public sealed class QuizRoundPageTests(SqliteCyclePortal portal) : IClassFixture<SqliteCyclePortal>
{
    private static readonly HtmlParser Html = new();
    private CyclePortalFactory Factory => portal.Factory;

    [Fact]
    public async Task The_editor_refuses_a_quiz_round_without_a_quiz_naming_the_field_and_saves_one_with_a_quiz()
    {
        var trainer = await new ApiPeople(Factory).NewAsync(PortalRoles.Trainer);
        var arrange = new RoundArrange(Factory.Services);
        var team = await arrange.TeamAsync([await arrange.UserAsync()], leadFirst: false);
        var (quiz, _) = await arrange.QuizAsync(1);
        using var browser = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);

        // The editor lists the published quizzes in the quiz round's settings.
        var editor = Html.ParseDocument(await (await browser.GetAsync("/admin/scheduler/cycle")).Content.ReadAsStringAsync());
        var select = editor.QuerySelector("[data-kind-settings='quiz-round'] select#setting-quiz-round-quiz");
        Assert.NotNull(select);
        Assert.Contains(select!.QuerySelectorAll("option"), o => o.GetAttribute("value") == quiz.ContentItemId && o.TextContent == quiz.DisplayText);

        var form = CycleManagementTests.Form(team, "Round without a quiz");
        form["Form.Kind"] = QuizRoundKind.KindKey;
        form["Form.Settings[quiz-round.quiz]"] = "";
        var refused = await browser.SubmitAsync("/admin/scheduler/cycle", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = Html.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Quiz: choose the quiz this round assigns.", page.QuerySelector("#cycle-error")?.TextContent.Trim());
        Assert.Contains("is-invalid", page.QuerySelector("#setting-quiz-round-quiz")!.ClassList);
        Assert.Equal("Quiz: choose the quiz this round assigns.", page.QuerySelector("#setting-quiz-round-quiz-error")?.TextContent.Trim());
        Assert.Equal("Round without a quiz", page.QuerySelector("#cycle-title")?.GetAttribute("value")); // what was typed stays

        form["Form.Settings[quiz-round.quiz]"] = "no-such-quiz";
        refused = await browser.SubmitAsync("/admin/scheduler/cycle", form);
        Assert.Contains("Quiz: there is no published quiz with this id or slug.", await refused.Content.ReadAsStringAsync());

        form["Form.Title"] = "Round with a quiz " + Guid.NewGuid().ToString("N")[..6];
        form["Form.Settings[quiz-round.quiz]"] = quiz.ContentItemId;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/admin/scheduler/cycle", form)).StatusCode);
        var people = new ApiPeople(Factory);
        var list = await (await people.GetAsync(trainer, $"/api/v1/cycles?teamId={team}")).JsonAsync(HttpStatusCode.OK);
        var saved = Assert.Single(list["items"]!.AsArray());
        Assert.Equal(QuizRoundKind.KindKey, saved!["kind"]!.GetValue<string>());
        Assert.Equal(quiz.ContentItemId, JsonDocument.Parse(saved["settings"]!.GetValue<string>()).RootElement.GetProperty("quiz").GetString());

        // The API names the kinds' settings and refuses the same way, naming settings.quiz.
        var kinds = await (await people.GetAsync(trainer, "/api/v1/cycles/kinds")).JsonAsync(HttpStatusCode.OK);
        var round = kinds.AsArray().Single(k => k!["key"]!.GetValue<string>() == QuizRoundKind.KindKey)!;
        Assert.Equal("quiz", round["settings"]![0]!["name"]!.GetValue<string>());
        Assert.Contains(round["settings"]![0]!["choices"]!.AsArray(), c => c!["value"]!.GetValue<string>() == quiz.ContentItemId);
        var body = new { kind = QuizRoundKind.KindKey, title = "API round", teamIds = new[] { team }, cadence = "weekly", dayOfWeek = "Monday", localTime = "09:00", settings = "{}" };
        var problem = await (await people.SendAsync(trainer, HttpMethod.Post, "/api/v1/cycles", body)).JsonAsync((HttpStatusCode)422);
        Assert.Equal("choose the quiz this round assigns.", problem["errors"]!["settings.quiz"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rounds_summary_is_for_its_teams_lead_and_trainers_with_participation_and_mean_others_get_404()
    {
        var arrange = new RoundArrange(Factory.Services);
        var lead = await arrange.UserAsync(PortalRoles.TeamLead);
        var (taker, idle) = (await arrange.UserAsync(), await arrange.UserAsync());
        var team = await arrange.TeamAsync([lead, taker, idle]);
        var otherLead = await arrange.UserAsync(PortalRoles.TeamLead);
        await arrange.TeamAsync([otherLead]);
        var trainer = await arrange.UserAsync(PortalRoles.Trainer);
        var (quiz, questions) = await arrange.QuizAsync(2);

        var runId = Random.Shared.NextInt64(1_000_000, 9_000_000_000);
        var now = DateTime.UtcNow;
        var open = new CycleRunContext(1, runId, QuizRoundKind.KindKey, CyclePhase.Open, [team], now, now.AddHours(1), null, RoundArrange.Settings(quiz));
        Assert.Equal(3, (await arrange.PhaseAsync(QuizRoundKind.KindKey, open)).Targeted);
        await arrange.AnswerAsync(taker, quiz, new Dictionary<ContentItem, bool> { [questions[0]] = true, [questions[1]] = false }, submit: true);

        // The rep sees the round's deadline on the quizzes list and the quiz page.
        using (var rep = await TestUsers.SignedInAsync(Factory, idle.Email))
        {
            var list = Html.ParseDocument(await (await rep.GetAsync("/quizzes")).Content.ReadAsStringAsync());
            Assert.NotNull(list.QuerySelector($"[data-round-due='{quiz.Slug}']"));
            var details = Html.ParseDocument(await (await rep.GetAsync($"/quizzes/{quiz.Slug}")).Content.ReadAsStringAsync());
            Assert.Contains("(your team's round)", details.QuerySelector("[data-round-due]")?.TextContent);
        }
        await arrange.PhaseAsync(QuizRoundKind.KindKey, open with { Phase = CyclePhase.Close });

        using (var browser = await TestUsers.SignedInAsync(Factory, lead.Email))
        {
            var response = await browser.GetAsync($"/quizzes/rounds/{runId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Html.ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal("1 of 3", page.QuerySelector("[data-round-participation]")?.TextContent.Trim());
            Assert.Equal("50%", page.QuerySelector("[data-round-mean]")?.TextContent.Trim());
            var notTaken = page.QuerySelectorAll("[data-round-not-taken] li").Select(li => li.TextContent.Trim()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { "Member " + idle.Email[6..12], "Member " + lead.Email[6..12] }.Order(StringComparer.Ordinal).ToList(), notTaken);
            Assert.Equal(questions[1].ContentItemId, page.QuerySelector(".sa-round-weakest tbody tr")?.GetAttribute("data-question"));
        }
        using (var browser = await TestUsers.SignedInAsync(Factory, trainer.Email))
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/quizzes/rounds/{runId}")).StatusCode);
        foreach (var outsider in new[] { taker, otherLead })
        {
            using var browser = await TestUsers.SignedInAsync(Factory, outsider.Email);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/quizzes/rounds/{runId}")).StatusCode);
        }
    }
}
