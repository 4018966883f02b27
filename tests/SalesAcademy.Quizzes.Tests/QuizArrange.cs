using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Questions and quizzes made through ContentManager (so titles resolve), and attempts written straight into QuizzesDbContext.</summary>
internal static class QuizArrange
{
    public sealed record Made(string Id, string Slug, string Title);

    public sealed record Fixture(Made Quiz, IReadOnlyList<Made> Questions);

    // The fixture of ItemAnalysisTests (item_analysis_reference.py): takers A–F × Q1–Q4 as fractions; Q2 is worth 2 points.
    private static readonly double[] FixturePoints = [1, 2, 1, 1];
    private static readonly double[][] FixtureFractions =
    [
        [1, 1, 1, 0],
        [1, 0.5, 1, 0],
        [1, 1, 0, 1],
        [0, 0.5, 0.5, 1],
        [1, 0, 0, 1],
        [0, 0, 0, 1],
    ];

    /// <summary>
    /// A quiz of four questions with the fixture's six finished first attempts (some overdue), plus attempts that must not count:
    /// second attempts, and first attempts in progress, abandoned, or waiting for a manual grade.
    /// </summary>
    public static async Task<Fixture> FixtureAsync(IServiceProvider services)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var questions = new List<Made>();
        for (var q = 0; q < 4; q++) questions.Add(await QuestionAsync(services, $"Fixture question {q + 1} {tag}", FixturePoints[q]));
        var quiz = await QuizAsync(services, $"Fixture quiz {tag}", questions.Select(q => q.Id));
        List<(string, double, double?)> Slots(double[] fractions) => fractions.Select((f, q) => (questions[q].Id, FixturePoints[q], (double?)f)).ToList();

        for (var t = 0; t < FixtureFractions.Length; t++)
        {
            var user = $"taker-{tag}-{t}";
            await AttemptAsync(services, quiz.Id, user, 1, t % 3 == 2 ? AttemptState.Overdue : AttemptState.Submitted, Slots(FixtureFractions[t]));
            // Second attempts (all right) would change every number if they counted.
            await AttemptAsync(services, quiz.Id, user, 2, AttemptState.Submitted, Slots([1, 1, 1, 1]));
        }
        await AttemptAsync(services, quiz.Id, $"open-{tag}", 1, AttemptState.InProgress, Slots([1, 1, 1, 1]));
        await AttemptAsync(services, quiz.Id, $"quit-{tag}", 1, AttemptState.Abandoned, Slots([0, 0, 0, 0]));
        await AttemptAsync(services, quiz.Id, $"manual-{tag}", 1, AttemptState.Submitted, Slots([1, 1, 1, 1]), pendingManual: true);
        return new Fixture(quiz, questions);
    }

    public static async Task<Made> QuestionAsync(IServiceProvider services, string title, double points = 1, bool publish = true)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "q-" + Guid.NewGuid().ToString("N")[..10];
        var item = manager.New(QuizzesModule.QuestionType);
        item.Apply(new TitlePart { Title = title }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "Which one?" })
            .Apply(new QuestionPart
            {
                Kind = QuestionKinds.Single, Points = points, Explanation = "Because.",
                Choices = [new() { Text = "Right", Correct = true }, new() { Text = "Wrong" }],
            });
        var created = await manager.CreateAsync(item, "tests", publish);
        return new Made(created.ContentItemId, slug, title);
    }

    public static async Task<Made> QuizAsync(IServiceProvider services, string title, IEnumerable<string> questionIds, bool publish = true)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "quiz-" + Guid.NewGuid().ToString("N")[..10];
        var item = manager.New(QuizzesModule.QuizType);
        item.Apply(new TitlePart { Title = title }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "A quiz." })
            .Apply(new QuizPart { Questions = questionIds.ToList() });
        var created = await manager.CreateAsync(item, "tests", publish);
        return new Made(created.ContentItemId, slug, title);
    }

    /// <summary>One attempt with one slot per (question, points, fraction), in order.</summary>
    public static async Task<long> AttemptAsync(IServiceProvider services, string quizId, string userId, int number, AttemptState state,
        IReadOnlyList<(string QuestionId, double Points, double? Fraction)> slots, bool pendingManual = false)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
        var now = DateTime.UtcNow;
        var finished = state is AttemptState.Submitted or AttemptState.Overdue;
        var attempt = new QuizAttempt
        {
            QuizItemId = quizId, QuizVersionId = "v-" + quizId, UserId = userId, UserName = userId + "@example.test", Number = number, State = state,
            StartedUtc = now.AddMinutes(-10), FinishedUtc = finished ? now : null,
            Score = finished ? slots.Sum(s => (s.Fraction ?? 0) * s.Points) : null, MaxScore = slots.Sum(s => s.Points),
            PendingManual = pendingManual ? 1 : 0,
            Questions = slots.Select((s, i) => new AttemptQuestion
            {
                Slot = i, QuestionItemId = s.QuestionId, QuestionVersionId = "v-" + s.QuestionId, Points = s.Points,
                Fraction = pendingManual && i == 0 ? null : s.Fraction, NeedsManualGrading = pendingManual && i == 0,
            }).ToList(),
        };
        db.Attempts.Add(attempt);
        await db.SaveChangesAsync();
        return attempt.Id;
    }
}
