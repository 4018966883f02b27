using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Models;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Questions and quizzes made through ContentManager (so titles resolve), and attempts written straight into QuizzesDbContext.</summary>
internal static class QuizArrange
{
    public sealed record Made(string Id, string Slug, string Title);

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
