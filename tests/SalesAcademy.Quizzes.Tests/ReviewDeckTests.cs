using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The review deck as reps use it: cards added (idempotently) from attempts, the FSRS rating and its log, the home
/// panel, the review page through its real forms, the deck list, and who may see and change what.
/// </summary>
public abstract class ReviewDeckTests(PortalFixture portal)
{
    private const string SourceCase = "case-huawei-iron-triangle";
    private PortalFactory Factory => portal.Factory;

    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task Adding_is_idempotent_and_a_wrong_answer_makes_a_scheduled_card_due_again()
    {
        var (_, userId) = await NewRepAsync();
        var question = await NewQuestionAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var deck = scope.ServiceProvider.GetRequiredService<ReviewDeck>();

        await deck.AddAsync(userId, [question, question], CardOrigin.AnsweredWrong);
        await deck.AddAsync(userId, [question], CardOrigin.AddedByUser);
        var card = Assert.Single(await CardsAsync(userId));
        Assert.Equal((CardOrigin.AnsweredWrong, CardState.New, 0), (card.Origin, card.State, card.Reps));
        Assert.True(card.DueUtc <= DateTime.UtcNow);
        Assert.Equal(1, await deck.DueCountAsync(userId));

        var rated = await deck.RateAsync(userId, card.Id, ReviewRating.Good, expectedReps: 0);
        Assert.Equal(RateStatus.Rated, rated.Status);
        Assert.Equal(0, await deck.DueCountAsync(userId));

        // Added by hand again: nothing changes.
        await deck.AddAsync(userId, [question], CardOrigin.AddedByUser);
        var scheduled = Assert.Single(await CardsAsync(userId));
        Assert.Equal(rated.Card!.DueUtc, scheduled.DueUtc);

        // Answered wrongly again: due now, memory state kept, no lapse counted by the quiz.
        await deck.AddAsync(userId, [question], CardOrigin.AnsweredWrong);
        var again = Assert.Single(await CardsAsync(userId));
        Assert.True(again.DueUtc <= DateTime.UtcNow, $"due {again.DueUtc:O}");
        Assert.Equal((scheduled.Stability, scheduled.Difficulty, 1, 0, CardState.Review), (again.Stability, again.Difficulty, again.Reps, again.Lapses, again.State));
        Assert.Equal(1, await deck.DueCountAsync(userId));
    }

    [Fact]
    public async Task Rating_applies_fsrs_writes_the_log_and_refuses_a_second_submission()
    {
        var (_, userId) = await NewRepAsync();
        var question = await NewQuestionAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var deck = scope.ServiceProvider.GetRequiredService<ReviewDeck>();
        await deck.AddAsync(userId, [question], CardOrigin.AnsweredWrong);
        var card = Assert.Single(await CardsAsync(userId));

        var first = await deck.RateAsync(userId, card.Id, ReviewRating.Again, expectedReps: 0);
        Assert.Equal(RateStatus.Rated, first.Status);
        var afterFirst = Assert.Single(await CardsAsync(userId));
        Assert.Equal((CardState.Learning, 1, 0), (afterFirst.State, afterFirst.Reps, afterFirst.Lapses));
        Assert.Equal(0.40255, afterFirst.Stability, 6);
        Assert.Equal(7.1949, afterFirst.Difficulty, 6);
        Assert.Equal(afterFirst.LastReviewUtc!.Value.AddDays(1), afterFirst.DueUtc);

        // The same form posted twice: refused, nothing changes, one log entry.
        var twice = await deck.RateAsync(userId, card.Id, ReviewRating.Easy, expectedReps: 0);
        Assert.Equal(RateStatus.Stale, twice.Status);
        Assert.Equal(afterFirst.Stability, Assert.Single(await CardsAsync(userId)).Stability);

        // A second review three days later (moved back in the database): FSRS from the stored state.
        await ShiftAsync(card.Id, days: -3);
        var shifted = Assert.Single(await CardsAsync(userId));
        var expected = scope.ServiceProvider.GetRequiredService<Fsrs>().Rate(shifted, ReviewRating.Good, DateTime.UtcNow);
        var second = await deck.RateAsync(userId, card.Id, ReviewRating.Good, expectedReps: 1);
        Assert.Equal(RateStatus.Rated, second.Status);
        var afterSecond = Assert.Single(await CardsAsync(userId));
        Assert.Equal((CardState.Review, 2, 3), (afterSecond.State, afterSecond.Reps, second.Outcome!.ElapsedDays));
        Assert.Equal(expected.Stability, afterSecond.Stability, 9);
        Assert.Equal(expected.Difficulty, afterSecond.Difficulty, 9);
        Assert.Equal(expected.IntervalDays, (afterSecond.DueUtc - afterSecond.LastReviewUtc!.Value).TotalDays, 6);

        var log = await LogAsync(card.Id);
        Assert.Equal([ReviewRating.Again, ReviewRating.Good], log.Select(l => l.Rating));
        Assert.All(log, l => Assert.Equal(userId, l.UserId));
        Assert.Equal((0.0, 1.0, CardState.Learning), (log[0].ElapsedDays, log[0].ScheduledDays, log[0].State));
        Assert.Equal((3.0, (double)expected.IntervalDays, afterSecond.Stability), (log[1].ElapsedDays, log[1].ScheduledDays, log[1].Stability));

        // Another user's card does not exist for them.
        var (_, otherId) = await NewRepAsync();
        Assert.Equal(RateStatus.NotFound, (await deck.RateAsync(otherId, card.Id, ReviewRating.Good, expectedReps: 2)).Status);
        Assert.False(await deck.RemoveAsync(otherId, card.Id));
        Assert.True(await deck.RemoveAsync(userId, card.Id));
        Assert.Empty(await CardsAsync(userId));
        Assert.Empty(await LogAsync(card.Id));
    }

    [Fact]
    public async Task The_home_page_shows_a_rep_how_many_cards_are_due()
    {
        var (email, userId) = await NewRepAsync();
        var q1 = await NewQuestionAsync();
        var q2 = await NewQuestionAsync();
        await AttemptAsync(userId, email, [q1, q2]);
        using var browser = await TestUsers.SignedInAsync(Factory, email);

        Assert.Null((await PageAsync(browser, "/")).QuerySelector(".sa-review-due")); // empty deck: no panel

        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReviewDeck>().AddAsync(userId, [q1, q2], CardOrigin.AnsweredWrong);
        var panel = (await PageAsync(browser, "/")).QuerySelector(".sa-review-due");
        Assert.NotNull(panel);
        Assert.Equal("2", panel.GetAttribute("data-due"));
        Assert.Equal("Today's review: 2 due", panel.QuerySelector("h2")?.TextContent.Trim());
        Assert.Equal("/daily-review", panel.QuerySelector("a")?.GetAttribute("href"));

        using var chinese = await TestUsers.SignedInAsync(Factory, email, language: "zh-CN");
        Assert.Equal("今日复习：2 张待复习", (await PageAsync(chinese, "/")).QuerySelector(".sa-review-due h2")?.TextContent.Trim());

        using var anonymous = new Browser(Factory);
        Assert.Null((await PageAsync(anonymous, "/")).QuerySelector(".sa-review-due"));
    }

    [Fact]
    public async Task A_rep_reviews_a_card_through_the_page_forms()
    {
        var (email, userId) = await NewRepAsync();
        var question = await NewQuestionAsync(stem: "Who leads the **customer** relationship?<script>alert('stem')</script>",
            explanation: "The AR owns it. <img src=x onerror=alert(1)>");
        await AttemptAsync(userId, email, [question]);
        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReviewDeck>().AddAsync(userId, [question], CardOrigin.AnsweredWrong);
        var card = Assert.Single(await CardsAsync(userId));
        using var browser = await TestUsers.SignedInAsync(Factory, email);

        var page = await PageAsync(browser, "/daily-review");
        Assert.Equal("1", page.QuerySelector(".sa-review-due-count")?.GetAttribute("data-due"));
        var shown = page.QuerySelector("#review-card")!;
        Assert.Equal(card.Id.ToString(), shown.GetAttribute("data-card-id"));
        Assert.Equal("customer", shown.QuerySelector(".sa-question-stem strong")?.TextContent);
        Assert.Null(shown.QuerySelector("script"));
        Assert.Equal(2, shown.QuerySelectorAll(".sa-review-options li").Length);
        // Before "Show answer": no right answer, no explanation, no rating form.
        Assert.Empty(shown.QuerySelectorAll("[data-correct='true'], .badge"));
        Assert.Null(shown.QuerySelector(".sa-review-explanation"));
        Assert.Null(page.QuerySelector("form.sa-review-rate"));
        var show = shown.QuerySelector("a.sa-show-answer")!;
        Assert.Equal($"/daily-review?show={card.Id}", show.GetAttribute("href"));
        Assert.Equal("#review-card", show.GetAttribute("hx-target"));

        page = await PageAsync(browser, $"/daily-review?show={card.Id}");
        shown = page.QuerySelector("#review-card")!;
        Assert.Equal("true", shown.GetAttribute("data-revealed"));
        Assert.Equal("The AR", Assert.Single(shown.QuerySelectorAll("[data-correct='true']")).ChildNodes[0].TextContent.Trim());
        var explanation = shown.QuerySelector(".sa-review-explanation")!;
        Assert.Contains("The AR owns it.", explanation.TextContent);
        Assert.Null(explanation.QuerySelector("[onerror]"));
        Assert.Equal("/cases/huawei-iron-triangle", explanation.QuerySelector("a.sa-review-source")?.GetAttribute("href"));
        // The buttons show what FSRS gives a new card: Again 1 d, Hard 2 d, Good 3 d, Easy 16 d.
        var buttons = shown.QuerySelectorAll("form.sa-review-rate button[name='rating']");
        Assert.Equal(["Again", "Hard", "Good", "Easy"], buttons.Select(b => b.GetAttribute("value")));
        Assert.Equal(["1", "2", "3", "16"], buttons.Select(b => b.GetAttribute("data-interval")));
        Assert.Equal("Good · 3 d", Normalize(buttons[2].TextContent));

        var rated = await browser.SubmitAsync($"/daily-review?show={card.Id}", Fields(("cardId", card.Id.ToString()), ("reps", "0"), ("rating", "Good")), handler: "Rate");
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Equal("/daily-review?days=3", rated.Headers.Location?.OriginalString);
        var after = Assert.Single(await CardsAsync(userId));
        Assert.Equal((CardState.Review, 1), (after.State, after.Reps));
        Assert.Equal(3.173, after.Stability, 6);
        Assert.True(after.DueUtc > DateTime.UtcNow.AddDays(2.9), $"due {after.DueUtc:O}");
        Assert.Equal(after.LastReviewUtc!.Value.AddDays(3), after.DueUtc);

        page = await PageAsync(browser, "/daily-review?days=3");
        Assert.Null(page.QuerySelector("#review-card"));
        Assert.Equal("0", page.QuerySelector(".sa-review-due-count")?.GetAttribute("data-due"));
        var empty = page.QuerySelector(".sa-review-empty")!;
        Assert.Contains("Nothing is due for review right now.", empty.TextContent);
        Assert.Contains($"The next card is due {after.DueUtc:yyyy-MM-dd HH:mm} UTC.", empty.TextContent);
        Assert.Contains("Your deck holds 1 cards.", empty.TextContent);

        // The same form again (back button, double click): refused, the card keeps its schedule.
        var again = await browser.SubmitToAsync("/daily-review/deck", "/daily-review?handler=Rate", Fields(("cardId", card.Id.ToString()), ("reps", "0"), ("rating", "Again")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/daily-review?notice=stale", again.Headers.Location?.OriginalString);
        Assert.Equal(after.DueUtc, Assert.Single(await CardsAsync(userId)).DueUtc);
        Assert.Single(await LogAsync(card.Id));

        var deckPage = await PageAsync(browser, "/daily-review/deck");
        var row = deckPage.QuerySelector($"#card-{card.Id}")!;
        Assert.Contains("Review", row.GetAttribute("data-state"));
        Assert.Contains("3.17 d", row.TextContent);
        var removed = await browser.SubmitAsync("/daily-review/deck", Fields(("cardId", card.Id.ToString())), handler: "Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await CardsAsync(userId));
    }

    [Fact]
    public async Task Reps_see_only_their_own_cards_and_only_questions_they_were_shown()
    {
        var (email, userId) = await NewRepAsync();
        var (otherEmail, otherId) = await NewRepAsync();
        var seen = await NewQuestionAsync();
        var running = await NewQuestionAsync();
        var never = await NewQuestionAsync();
        await AttemptAsync(userId, email, [seen]);
        await AttemptAsync(userId, email, [running], AttemptState.InProgress);
        using var browser = await TestUsers.SignedInAsync(Factory, email);

        using (var anonymous = new Browser(Factory))
        {
            var response = await anonymous.GetAsync("/daily-review");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location?.OriginalString);
        }

        // Adding: only a question shown in one of the user's finished attempts.
        Assert.Equal(HttpStatusCode.NotFound, (await AddThroughFormAsync(browser, never)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AddThroughFormAsync(browser, running)).StatusCode); // still answering it
        Assert.Equal(HttpStatusCode.NotFound, (await AddThroughFormAsync(browser, "no-such-question")).StatusCode);
        var added = await AddThroughFormAsync(browser, seen, returnUrl: "https://evil.example/");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/daily-review/deck", added.Headers.Location?.OriginalString); // returnUrl must be local
        Assert.Equal(HttpStatusCode.Redirect, (await AddThroughFormAsync(browser, seen, returnUrl: "/quizzes")).StatusCode);
        var htmx = await browser.SubmitToAsync("/account/profile", "/daily-review/add", Fields(("questionId", seen)), htmx: true);
        Assert.Equal(HttpStatusCode.OK, htmx.StatusCode);
        Assert.Contains("sa-added-to-deck", await htmx.Content.ReadAsStringAsync());
        var card = Assert.Single(await CardsAsync(userId));
        Assert.Equal((seen, CardOrigin.AddedByUser), (card.QuestionItemId, card.Origin));

        // Another rep cannot rate or remove it.
        using var other = await TestUsers.SignedInAsync(Factory, otherEmail);
        var rate = await other.SubmitToAsync("/account/profile", "/daily-review?handler=Rate", Fields(("cardId", card.Id.ToString()), ("reps", "0"), ("rating", "Good")));
        Assert.Equal(HttpStatusCode.NotFound, rate.StatusCode);
        var remove = await other.SubmitToAsync("/account/profile", "/daily-review/deck?handler=Remove", Fields(("cardId", card.Id.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Null((await PageAsync(other, $"/daily-review?show={card.Id}")).QuerySelector("#review-card"));
        Assert.Equal(0, Assert.Single(await CardsAsync(userId)).Reps);

        // A card put in by the attempt engine for a question the user was never shown in a finished attempt is never displayed.
        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReviewDeck>().AddAsync(otherId, [never], CardOrigin.AnsweredWrong);
        var page = await PageAsync(other, "/daily-review");
        Assert.Null(page.QuerySelector("#review-card"));
        Assert.Equal(CardState.Suspended, Assert.Single(await CardsAsync(otherId)).State);
        Assert.Contains("Not available", (await PageAsync(other, "/daily-review/deck")).QuerySelector(".sa-review-deck tbody")!.TextContent);
    }

    [Fact]
    public async Task An_unpublished_question_is_skipped_and_comes_back_when_published_again()
    {
        var (email, userId) = await NewRepAsync();
        var withdrawn = await NewQuestionAsync();
        var kept = await NewQuestionAsync();
        await AttemptAsync(userId, email, [withdrawn, kept]);
        await using var scope = Factory.Services.CreateAsyncScope();
        var deck = scope.ServiceProvider.GetRequiredService<ReviewDeck>();
        await deck.AddAsync(userId, [withdrawn], CardOrigin.AnsweredWrong);
        await deck.AddAsync(userId, [kept], CardOrigin.AnsweredWrong);
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        Assert.True(await manager.UnpublishAsync(withdrawn, TestUsers.AdminEmail));

        var next = await deck.NextDueAsync(userId);
        Assert.Equal(kept, next?.QuestionItemId);
        var cards = await CardsAsync(userId);
        Assert.Equal(CardState.Suspended, cards.Single(c => c.QuestionItemId == withdrawn).State);
        Assert.Equal(1, await deck.DueCountAsync(userId));

        await manager.PublishAsync(withdrawn, null, TestUsers.AdminEmail);
        var listed = await deck.ListAsync(userId);
        Assert.All(listed, entry => Assert.NotNull(entry.Question));
        Assert.Equal(CardState.New, (await CardsAsync(userId)).Single(c => c.QuestionItemId == withdrawn).State);
        Assert.Equal(2, await deck.DueCountAsync(userId));
    }

    [Fact]
    public async Task A_card_from_a_quiz_whose_answers_show_after_it_closes_waits_until_then()
    {
        var (email, userId) = await NewRepAsync();
        var question = await NewQuestionAsync();
        var closes = DateTime.UtcNow.AddDays(2);
        await AttemptAsync(userId, email, [question], quiz: new QuizPart { Feedback = FeedbackTimings.AfterClose, ClosesUtc = closes });
        await using var scope = Factory.Services.CreateAsyncScope();
        var deck = scope.ServiceProvider.GetRequiredService<ReviewDeck>();
        await deck.AddAsync(userId, [question], CardOrigin.AnsweredWrong);

        Assert.Null(await deck.NextDueAsync(userId));
        var card = Assert.Single(await CardsAsync(userId));
        Assert.Equal(closes, card.DueUtc, TimeSpan.FromMilliseconds(1));
        Assert.Equal(CardState.New, card.State);
        Assert.Equal(0, await deck.DueCountAsync(userId));
    }

    // ---- helpers ----

    private async Task<HttpResponseMessage> AddThroughFormAsync(Browser browser, string questionId, string? returnUrl = null)
    {
        var fields = Fields(("questionId", questionId));
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        return await browser.SubmitToAsync("/account/profile", "/daily-review/add", fields);
    }

    private async Task<(string Email, string UserId)> NewRepAsync()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Rep);
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return (email, user!.Id);
    }

    private async Task<string> NewQuestionAsync(string stem = "Who leads the customer relationship?", string explanation = "The **AR** owns it.")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "q-" + Guid.NewGuid().ToString("N")[..12];
        var item = manager.New(QuizzesModule.QuestionType);
        item.Apply(new TitlePart { Title = "Relationship owner " + slug }).Apply(new RoutePart { Slug = slug })
            .Apply(new MarkdownBodyPart { Markdown = stem })
            .Apply(new QuestionPart
            {
                Kind = QuestionKinds.Single, Explanation = explanation, Source = SourceCase,
                Choices = [new() { Text = "The AR", Correct = true }, new() { Text = "The FR" }],
            });
        return (await manager.CreateAsync(item, TestUsers.AdminEmail, publish: true)).ContentItemId;
    }

    /// <summary>A published quiz of these questions and a finished (by default) attempt at it by the user.</summary>
    private async Task AttemptAsync(string userId, string email, string[] questions, AttemptState state = AttemptState.Submitted, QuizPart? quiz = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "quiz-" + Guid.NewGuid().ToString("N")[..12];
        var part = quiz ?? new QuizPart();
        part.Questions = [.. questions];
        var item = manager.New(QuizzesModule.QuizType);
        item.Apply(new TitlePart { Title = "Quiz " + slug }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "" }).Apply(part);
        var created = await manager.CreateAsync(item, TestUsers.AdminEmail, publish: true);

        var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
        var now = DateTime.UtcNow;
        var attempt = new QuizAttempt
        {
            QuizItemId = created.ContentItemId, QuizVersionId = created.ContentItemVersionId, UserId = userId, UserName = email,
            Number = 1, State = state, StartedUtc = now.AddMinutes(-10), FinishedUtc = state == AttemptState.InProgress ? null : now,
            MaxScore = questions.Length,
        };
        for (var i = 0; i < questions.Length; i++)
        {
            var version = await manager.GetAsync(questions[i]);
            attempt.Questions.Add(new AttemptQuestion { Slot = i, QuestionItemId = questions[i], QuestionVersionId = version!.ContentItemVersionId, Points = 1 });
        }
        db.Attempts.Add(attempt);
        await db.SaveChangesAsync();
    }

    private async Task<List<ReviewCard>> CardsAsync(string userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().ReviewCards.AsNoTracking()
            .Where(c => c.UserId == userId).OrderBy(c => c.Id).ToListAsync();
    }

    private async Task<List<ReviewLogEntry>> LogAsync(long cardId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().ReviewLog.AsNoTracking()
            .Where(l => l.CardId == cardId).OrderBy(l => l.Id).ToListAsync();
    }

    /// <summary>Moves a card's last review and due time by whole days (time passing, without a clock to fake).</summary>
    private async Task ShiftAsync(long cardId, int days)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
        var card = await db.ReviewCards.SingleAsync(c => c.Id == cardId);
        card.LastReviewUtc = card.LastReviewUtc?.AddDays(days);
        card.DueUtc = card.DueUtc.AddDays(days);
        await db.SaveChangesAsync();
    }

    private static async Task<IDocument> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public sealed class ReviewDeckTests_Sqlite(SqlitePortal portal) : ReviewDeckTests(portal), IClassFixture<SqlitePortal>;

public sealed class ReviewDeckTests_Postgres(PostgresPortal portal) : ReviewDeckTests(portal), IClassFixture<PostgresPortal>;
