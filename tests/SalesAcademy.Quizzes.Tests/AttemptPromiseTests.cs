using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>A clock the tests can stop at a chosen instant (null: the real time); everything in the portal that asks TimeProvider sees it.</summary>
public sealed class QuizClock : TimeProvider
{
    private DateTimeOffset? fixedNow;
    public override DateTimeOffset GetUtcNow() => fixedNow ?? System.GetUtcNow();
    public void StopAt(DateTime utc) => fixedNow = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    public void Resume() => fixedNow = null;
}

/// <summary>A portal (with seed content) whose clock the tests can stop.</summary>
public abstract class ClockedQuizPortal(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;
    public QuizClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Factory = new ClockedFactory(await TestDatabase.CreateAsync(provider), Clock);
        Factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }

    private sealed class ClockedFactory(TestDatabase database, QuizClock clock) : PortalFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }
    }
}

public sealed class SqliteClockedQuizPortal() : ClockedQuizPortal(DatabaseProvider.Sqlite);

public sealed class PostgresClockedQuizPortal() : ClockedQuizPortal(DatabaseProvider.Postgres);

/// <summary>
/// Promises of the attempt engine that need the whole path to run: grading against the pinned versions, statistics after a
/// finished first attempt, stale posts that change nothing, the grace after the deadline, the deadline capped at the quiz's
/// close, opening and closing times, the overdue-attempts job, the random draw and per-attempt option shuffling.
/// </summary>
public abstract class AttemptPromiseTests(ClockedQuizPortal portal)
{
    private PortalFactory Factory => portal.Factory;
    private QuizClock Clock => portal.Clock;
    private QuizWorld World => new(Factory);
    private ApiPeople People => new(Factory);

    private async Task<(ApiUser Rep, ContentItem Quiz, ContentItem[] Questions, JsonNode Attempt)> StartedAsync(Action<QuizPart>? configure = null)
    {
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions, configure);
        var rep = await People.NewAsync(PortalRoles.Rep);
        return (rep, quiz, questions, await StartAsync(rep, quiz));
    }

    private async Task<JsonNode> StartAsync(ApiUser rep, ContentItem quiz) =>
        await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);

    private static long IdOf(JsonNode attempt) => attempt["attempt"]!["id"]!.GetValue<long>();

    private static int SlotOf(JsonNode attempt, ContentItem question) =>
        attempt["questions"]!.AsArray().Single(q => (string)q!["questionId"]! == question.ContentItemId)!["slot"]!.GetValue<int>();

    private static string Id(JsonNode attempt, ContentItem question, string text) =>
        (string)attempt["questions"]!.AsArray().Single(q => (string)q!["questionId"]! == question.ContentItemId)!["options"]!.AsArray()
            .Single(o => (string)o!["text"]! == text)!["id"]!;

    private Task<HttpResponseMessage> PutAsync(ApiUser rep, long id, int slot, int sequence, object response) =>
        People.SendAsync(rep, HttpMethod.Put, $"/api/v1/attempts/{id}/answers/{slot}", new { sequence, response });

    private async Task<JsonNode> SubmitAsync(ApiUser rep, long id) =>
        await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Runs <paramref name="action"/> with the portal's clock stopped at <paramref name="utc"/>.</summary>
    private async Task<T> AtAsync<T>(DateTime utc, Func<Task<T>> action)
    {
        Clock.StopAt(utc);
        try { return await action(); }
        finally { Clock.Resume(); }
    }

    [Fact]
    public async Task A_key_changed_while_the_attempt_is_in_progress_does_not_change_its_grade()
    {
        var (rep, _, q, attempt) = await StartedAsync();
        var id = IdOf(attempt);
        var seq = (await (await PutAsync(rep, id, SlotOf(attempt, q[0]), 0, new { choice = Id(attempt, q[0], "The iron triangle together") }))
            .JsonAsync(HttpStatusCode.OK))["sequence"]!.GetValue<int>();
        await (await PutAsync(rep, id, SlotOf(attempt, q[2]), seq, new { value = true })).JsonAsync(HttpStatusCode.OK);

        // Mid-attempt, the trainer publishes new keys: the other option of the single choice, and "false" for the true/false.
        await World.EditAsync<QuestionPart>(q[0], part => { part.Choices[1].Correct = false; part.Choices[0].Correct = true; });
        await World.EditAsync<QuestionPart>(q[2], part => part.Answer = false);

        var result = await SubmitAsync(rep, id);
        Assert.Equal(2, result["attempt"]!["score"]!.GetValue<double>(), 6); // graded by the versions pinned at the start
        var stored = await World.AttemptAsync(id);
        Assert.Equal(1, stored.Questions.Single(s => s.QuestionItemId == q[0].ContentItemId).Fraction);
        Assert.Equal(1, stored.Questions.Single(s => s.QuestionItemId == q[2].ContentItemId).Fraction);
        Assert.Equal(q[0].ContentItemVersionId, stored.Questions.Single(s => s.QuestionItemId == q[0].ContentItemId).QuestionVersionId);
    }

    [Fact]
    public async Task Finishing_a_first_attempt_updates_the_quiz_statistics_by_itself()
    {
        var (rep, quiz, q, attempt) = await StartedAsync();
        var id = IdOf(attempt);
        Task<int?> CountedAsync() => World.DbAsync(db => db.Statistics.AsNoTracking().Where(s => s.QuizItemId == quiz.ContentItemId).Select(s => (int?)s.Attempts).SingleOrDefaultAsync());
        Assert.True(await CountedAsync() is null or 0);

        await (await PutAsync(rep, id, SlotOf(attempt, q[2]), 0, new { value = true })).JsonAsync(HttpStatusCode.OK);
        await SubmitAsync(rep, id);
        // Nobody called RecomputeAsync: the stored snapshot (read raw, not through GetAsync, which computes one) counts it
        // once the background recompute has run (Quizzes:StatisticsDelaySeconds is 0.1 in tests).
        await Eventually.TrueAsync(async () => await CountedAsync() == 1, "the statistics count the finished first attempt", seconds: 30);
        var json = await World.DbAsync(db => db.Statistics.AsNoTracking().Where(s => s.QuizItemId == quiz.ContentItemId).Select(s => s.Json).SingleAsync());
        Assert.Equal(1, JsonNode.Parse(json)!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Statistics_left_out_of_date_by_a_node_that_stopped_are_recomputed_when_it_starts()
    {
        var (rep, quiz, q, attempt) = await StartedAsync();
        var id = IdOf(attempt);
        await (await PutAsync(rep, id, SlotOf(attempt, q[2]), 0, new { value = true })).JsonAsync(HttpStatusCode.OK);
        await SubmitAsync(rep, id);
        Task<int?> CountedAsync() => World.DbAsync(db => db.Statistics.AsNoTracking().Where(s => s.QuizItemId == quiz.ContentItemId).Select(s => (int?)s.Attempts).SingleOrDefaultAsync());
        await Eventually.TrueAsync(async () => await CountedAsync() == 1, "the statistics count the finished first attempt", seconds: 30);

        // As if the node had stopped between the submit and its recompute: the stored statistics are older than the attempt.
        await World.DbAsync(db => db.Statistics.Where(s => s.QuizItemId == quiz.ContentItemId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Attempts, 0).SetProperty(s => s.ComputedUtc, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        await Factory.Services.GetRequiredService<StatisticsRefresher>().MarkStaleAsync(CancellationToken.None); // what start-up runs
        await Eventually.TrueAsync(async () => await CountedAsync() == 1, "the out-of-date statistics are recomputed", seconds: 30);
    }

    [Fact]
    public async Task A_stale_post_that_changes_nothing_is_accepted()
    {
        var (rep, _, q, attempt) = await StartedAsync();
        var id = IdOf(attempt);
        var slot = SlotOf(attempt, q[0]);
        var answer = new { choice = Id(attempt, q[0], "The iron triangle together") };
        Assert.Equal(1, (await (await PutAsync(rep, id, slot, 0, answer)).JsonAsync(HttpStatusCode.OK))["sequence"]!.GetValue<int>());

        // The same answer again with the old sequence (the submit button pressed while the autosave was on its way).
        var again = await (await PutAsync(rep, id, slot, 0, answer)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, again["sequence"]!.GetValue<int>());
        var stored = await World.AttemptAsync(id);
        Assert.Equal(1, stored.Sequence);
        Assert.Equal("{\"choice\":1}", stored.Questions.Single(s => s.Slot == slot).Response);
    }

    [Fact]
    public async Task Two_saves_with_the_same_sequence_at_once_one_wins_and_the_other_changes_nothing()
    {
        // Two tabs post different answers with the same sequence, at the same moment, each through its own scope (DbContext and
        // connection), ten times over: every time exactly one is saved, the other is refused as stale naming the new sequence,
        // and what is stored is the winner's answer. Both slots are posted as the page does, so the loser would overwrite both.
        var (rep, _, q, attempt) = await StartedAsync();
        var id = IdOf(attempt);
        var (truth, text) = (SlotOf(attempt, q[2]), SlotOf(attempt, q[4]));
        var sequence = 0;
        for (var round = 0; round < 10; round++)
        {
            var posts = new[] { (Value: true, Text: $"tab A {round}"), (Value: false, Text: $"tab B {round}") };
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var saves = posts.Select(async post =>
            {
                await start.Task;
                await using var scope = Factory.Services.CreateAsyncScope();
                var sent = new Dictionary<int, AttemptAnswer?> { [truth] = new() { Value = post.Value }, [text] = new() { Text = post.Text } };
                return await scope.ServiceProvider.GetRequiredService<QuizAttempts>().SaveAsync(id, rep.Id, sequence, sent);
            }).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(saves);

            var won = Assert.Single(results, r => r.Status == SaveStatus.Saved);
            var lost = Assert.Single(results, r => r.Status != SaveStatus.Saved);
            Assert.Equal(SaveStatus.Stale, lost.Status);
            Assert.Equal(sequence + 1, won.Sequence);
            Assert.Equal(sequence + 1, lost.Sequence); // the current sequence, so the tab can reload to it
            var winner = posts[Array.IndexOf(results, won)];
            var stored = await World.AttemptAsync(id);
            Assert.Equal(sequence + 1, stored.Sequence);
            Assert.Equal(winner.Value ? "{\"value\":true}" : "{\"value\":false}", stored.Questions.Single(s => s.Slot == truth).Response);
            Assert.Equal($"{{\"text\":\"{winner.Text}\"}}", stored.Questions.Single(s => s.Slot == text).Response);
            sequence = won.Sequence;
        }
    }

    [Fact]
    public async Task A_save_racing_the_submit_is_either_graded_or_refused_never_lost()
    {
        // Ten attempts, each submitted while an answer to it is being saved: a save answered Saved is in the graded attempt;
        // one that came after the finish is refused as closed and changes nothing.
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions);
        for (var round = 0; round < 10; round++)
        {
            var rep = await People.NewAsync(PortalRoles.Rep);
            var attempt = await StartAsync(rep, quiz);
            var id = IdOf(attempt);
            var slot = SlotOf(attempt, questions[2]);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<T> InScopeAsync<T>(Func<QuizAttempts, Task<T>> action)
            {
                await start.Task;
                await using var scope = Factory.Services.CreateAsyncScope();
                return await action(scope.ServiceProvider.GetRequiredService<QuizAttempts>());
            }
            var save = InScopeAsync(a => a.SaveAsync(id, rep.Id, 0, new Dictionary<int, AttemptAnswer?> { [slot] = new() { Value = true } }));
            var submit = InScopeAsync(a => a.SubmitAsync(id, rep.Id));
            start.SetResult();
            var (saved, _) = (await save, await submit);

            var stored = await World.AttemptAsync(id);
            Assert.Equal(AttemptState.Submitted, stored.State);
            var row = stored.Questions.Single(s => s.Slot == slot);
            if (saved.Status == SaveStatus.Saved)
            {
                Assert.Equal("{\"value\":true}", row.Response);
                Assert.Equal(1, row.Fraction); // graded with the answer
                Assert.Equal(2, stored.Sequence); // the save, then the finish
            }
            else
            {
                Assert.Equal(SaveStatus.Closed, saved.Status);
                Assert.Null(row.Response);
                Assert.Equal(1, stored.Sequence);
            }
        }
    }

    [Fact]
    public async Task A_save_3_s_after_the_deadline_counts_and_one_6_s_after_is_refused()
    {
        var (rep, _, q, attempt) = await StartedAsync(part => part.TimeLimitMinutes = 1);
        var id = IdOf(attempt);
        var deadline = (await World.AttemptAsync(id)).DeadlineUtc!.Value;

        var inGrace = await AtAsync(deadline.AddSeconds(3), async () =>
            await (await PutAsync(rep, id, SlotOf(attempt, q[2]), 0, new { value = true })).JsonAsync(HttpStatusCode.OK));
        Assert.Equal(1, inGrace["sequence"]!.GetValue<int>());

        var late = await AtAsync(deadline.AddSeconds(6), async () =>
            await (await PutAsync(rep, id, SlotOf(attempt, q[0]), 1, new { choice = Id(attempt, q[0], "The iron triangle together") })).JsonAsync(HttpStatusCode.Conflict));
        Assert.NotNull(late["title"]);

        var stored = await World.AttemptAsync(id);
        Assert.Equal(AttemptState.Overdue, stored.State);
        Assert.Equal("{\"value\":true}", stored.Questions.Single(s => s.QuestionItemId == q[2].ContentItemId).Response);
        Assert.Null(stored.Questions.Single(s => s.QuestionItemId == q[0].ContentItemId).Response);
        Assert.Equal(1, stored.Score);
    }

    [Fact]
    public async Task The_deadline_is_capped_at_the_quizs_close()
    {
        var now = DateTime.UtcNow;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc);
        var questions = await World.FiveKindsAsync();
        var closing = await World.QuizAsync(questions, part => { part.TimeLimitMinutes = 30; part.ClosesUtc = start.AddMinutes(10); });
        var roomy = await World.QuizAsync(questions, part => { part.TimeLimitMinutes = 5; part.ClosesUtc = start.AddMinutes(10); });
        var rep = await People.NewAsync(PortalRoles.Rep);

        var capped = await AtAsync(start, () => StartAsync(rep, closing));
        var limited = await AtAsync(start, () => StartAsync(rep, roomy));
        Assert.Equal(start.AddMinutes(10), (await World.AttemptAsync(IdOf(capped))).DeadlineUtc);
        Assert.Equal(start.AddMinutes(5), (await World.AttemptAsync(IdOf(limited))).DeadlineUtc);
    }

    [Theory]
    [InlineData(true, "This quiz is not open yet.")]
    [InlineData(false, "This quiz is closed.")]
    public async Task A_quiz_not_open_yet_or_closed_refuses_to_start_over_the_api_and_the_page(bool notYetOpen, string reason)
    {
        var now = DateTime.UtcNow;
        var quiz = await World.QuizAsync(await World.FiveKindsAsync(), part =>
        {
            part.OpensUtc = notYetOpen ? now.AddDays(1) : now.AddDays(-2);
            part.ClosesUtc = notYetOpen ? now.AddDays(2) : now.AddDays(-1);
        });
        var rep = await People.NewAsync(PortalRoles.Rep);

        var api = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains(reason, api.ToJsonString());

        using var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var page = await browser.SubmitAsync($"/quizzes/{quiz.Slug}", new Dictionary<string, string>(), "Start");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(reason, html);
        Assert.Equal(0, await World.DbAsync(db => db.Attempts.CountAsync(a => a.QuizItemId == quiz.ContentItemId)));
    }

    [Fact]
    public async Task The_overdue_sweep_limits_its_batch_in_a_stated_order_so_EF_has_nothing_to_warn_about()
    {
        // EF logs "a query uses a row limiting operator (Skip/Take) without OrderBy" at run time; here that warning throws.
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
        var cs = db.Database.GetConnectionString()!;
        static DbContextOptions<T> Strict<T>(Action<DbContextOptionsBuilder> configure) where T : DbContext
        {
            var builder = new DbContextOptionsBuilder<T>();
            configure(builder);
            builder.ConfigureWarnings(w => w.Throw(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
            return builder.Options;
        }
        await using QuizzesDbContext strict = db is SqliteQuizzesDbContext
            ? new SqliteQuizzesDbContext(Strict<SqliteQuizzesDbContext>(b => PortalDbContextRegistration.ConfigureSqlite(b, cs, QuizzesDbContext.MigrationsTable)))
            : new PostgresQuizzesDbContext(Strict<PostgresQuizzesDbContext>(b => PortalDbContextRegistration.ConfigurePostgres(b, cs, QuizzesDbContext.MigrationsTable)));
        var attempts = ActivatorUtilities.CreateInstance<QuizAttempts>(scope.ServiceProvider, strict);
        Assert.True(await attempts.FinishOverdueAsync() >= 0);
    }

    [Fact]
    public async Task The_overdue_job_is_safe_on_every_node_each_attempt_is_finished_once()
    {
        // The job runs on every node (it is not on the scheduler): three "nodes" (own scopes, DbContexts and connections)
        // sweep the same overdue attempts at the same moment; each attempt is finished, graded and announced exactly once.
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions, part => part.TimeLimitMinutes = 1);
        var ids = new List<long>();
        for (var i = 0; i < 6; i++) ids.Add(IdOf(await StartAsync(await People.NewAsync(PortalRoles.Rep), quiz)));
        var deadline = (await World.AttemptAsync(ids[0])).DeadlineUtc!.Value;
        // Earlier tests' leftovers are swept first (ours are still within their grace), so the count below is ours alone.
        await AtAsync(deadline.AddSeconds(4), async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await OverdueAttemptsJob.RunOnceAsync(scope.ServiceProvider, CancellationToken.None);
        });
        foreach (var id in ids) Assert.Equal(AttemptState.InProgress, (await World.AttemptAsync(id)).State);

        var finished = await AtAsync(deadline.AddMinutes(1), async () =>
        {
            var nodes = Enumerable.Range(0, 3).Select(async _ =>
            {
                await using var scope = Factory.Services.CreateAsyncScope();
                return await OverdueAttemptsJob.RunOnceAsync(scope.ServiceProvider, CancellationToken.None);
            });
            return (await Task.WhenAll(nodes)).Sum();
        });

        Assert.Equal(ids.Count, finished); // FinishAsync's conditional save lets one node win each attempt; the others see it finished
        foreach (var id in ids)
        {
            var stored = await World.AttemptAsync(id);
            Assert.Equal(AttemptState.Overdue, stored.State);
            Assert.Equal(1, stored.Sequence); // one finishing write: a second would have bumped it again
        }
    }

    [Fact]
    public async Task The_overdue_job_finishes_and_grades_an_attempt_past_its_deadline_and_grace()
    {
        var (rep, _, q, attempt) = await StartedAsync(part => part.TimeLimitMinutes = 1);
        var id = IdOf(attempt);
        await (await PutAsync(rep, id, SlotOf(attempt, q[2]), 0, new { value = true })).JsonAsync(HttpStatusCode.OK);
        var deadline = (await World.AttemptAsync(id)).DeadlineUtc!.Value;

        async Task RunJobAtAsync(DateTime utc) => await AtAsync(utc, async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await OverdueAttemptsJob.RunOnceAsync(scope.ServiceProvider, CancellationToken.None);
        });

        await RunJobAtAsync(deadline.AddSeconds(4)); // still within the grace
        Assert.Equal(AttemptState.InProgress, (await World.AttemptAsync(id)).State);

        await RunJobAtAsync(deadline.AddSeconds(6));
        var stored = await World.AttemptAsync(id);
        Assert.Equal(AttemptState.Overdue, stored.State);
        Assert.Equal(deadline.AddSeconds(6), stored.FinishedUtc);
        Assert.Equal(1, stored.Score);
        Assert.Equal(1, stored.Questions.Single(s => s.QuestionItemId == q[2].ContentItemId).Fraction);
        Assert.All(stored.Questions.Where(s => s.QuestionItemId != q[2].ContentItemId), s => Assert.Equal(0, s.Fraction));
    }

    [Fact]
    public async Task A_random_draw_gives_unseen_questions_first()
    {
        // 12 questions, 6 drawn: a draw that ignored what the rep has seen would pick the unseen six for the second attempt
        // with probability 1/C(12,6) = 1/924, and the first six again for the third with 1/924 more: about 1.2e-6 together.
        var tag = "draw-" + QuizWorld.Suffix();
        var bank = new List<string>();
        for (var i = 0; i < 12; i++)
            bank.Add((await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, $"Statement {i}.", tags: [tag])).ContentItemId);
        var quiz = await World.QuizAsync([], part => { part.Questions = []; part.Draw = new QuizDraw { Count = 6, Tags = [tag] }; });
        var rep = await People.NewAsync(PortalRoles.Rep);

        async Task<string[]> DrawAsync()
        {
            var attempt = await StartAsync(rep, quiz);
            await SubmitAsync(rep, IdOf(attempt));
            return attempt["questions"]!.AsArray().Select(x => (string)x!["questionId"]!).Order().ToArray();
        }
        var first = await DrawAsync();
        var second = await DrawAsync();
        var third = await DrawAsync();
        Assert.Equal(6, first.Length);
        Assert.Subset(bank.ToHashSet(), first.ToHashSet());
        Assert.Equal(bank.Except(first).Order().ToArray(), second); // never seen first
        Assert.Equal(first, third); // then the longest unseen
    }

    [Fact]
    public async Task Each_attempt_shuffles_the_options_anew()
    {
        // Ten options: two attempts get the same order by chance with probability 1/10! ≈ 2.8e-7.
        var question = await World.QuestionAsync(new QuestionPart
        {
            Kind = QuestionKinds.Single,
            Choices = [.. Enumerable.Range(0, 10).Select(i => new QuestionChoice { Text = $"Option {i}", Correct = i == 0 })],
        }, "Pick the first.");
        var quiz = await World.QuizAsync([question]);
        var rep = await People.NewAsync(PortalRoles.Rep);

        async Task<int[]> OrderAsync()
        {
            var attempt = await StartAsync(rep, quiz);
            await SubmitAsync(rep, IdOf(attempt));
            return JsonSerializer.Deserialize<int[]>((await World.AttemptAsync(IdOf(attempt))).Questions.Single().OptionOrder!)!;
        }
        var first = await OrderAsync();
        var second = await OrderAsync();
        Assert.Equal(Enumerable.Range(0, 10), first.Order());
        Assert.NotEqual(first, second);
    }
}

public sealed class AttemptPromiseTests_Sqlite(SqliteClockedQuizPortal portal) : AttemptPromiseTests(portal), IClassFixture<SqliteClockedQuizPortal>;

public sealed class AttemptPromiseTests_Postgres(PostgresClockedQuizPortal portal) : AttemptPromiseTests(portal), IClassFixture<PostgresClockedQuizPortal>;

/// <summary>Settings that would make the portal misbehave stop it from starting, with the setting named.</summary>
public sealed class QuizSettingsTests
{
    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    public async Task A_bad_desired_retention_stops_start_up_naming_the_setting(string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?> { ["Quizzes:DesiredRetention"] = value });
        var error = Assert.ThrowsAny<Exception>(factory.StartServer);
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        Assert.Contains(messages, m => m.Contains("Quizzes:DesiredRetention", StringComparison.Ordinal) && m.Contains(value, StringComparison.Ordinal));
        try { await factory.DisposeAsync(); } catch (Exception) { /* it never started */ }
    }
}
