using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// Every half minute (an <see cref="IPeriodicTask"/>: once per cluster), finishes (as overdue, graded on the saved answers)
/// the attempts whose time ran out while nobody was looking. Pages and the API also finish such an attempt the moment it is
/// touched; this closes the rest. It also puts the wrong answers of "feedback after close" attempts into their takers'
/// review decks once the quiz has closed.
/// </summary>
internal sealed class OverdueAttemptsJob(IServiceProvider services) : IPeriodicTask
{
    public const string Key = "quizzes.overdue-attempts";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public Task<int> RunAsync(CancellationToken ct) => RunOnceAsync(services, ct);

    /// <summary>One run of the job: finishes the overdue attempts, then files the deck cards now due. Returns how many attempts it finished.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var finished = await services.GetRequiredService<QuizAttempts>().FinishOverdueAsync(ct);
        await FileDeckCardsAsync(services, ct);
        return finished;
    }

    /// <summary>Files the wrong answers whose feedback is now due; each attempt is marked after its cards are in (adding is idempotent).</summary>
    public static async Task<int> FileDeckCardsAsync(IServiceProvider services, CancellationToken ct)
    {
        var attempts = services.GetRequiredService<QuizAttempts>();
        var deck = services.GetRequiredService<ReviewDeck>();
        var due = await attempts.DeckDueAsync(ct);
        foreach (var attempt in due)
        {
            await WrongAnswersToDeck.FileAsync(deck, attempt, ct);
            await attempts.MarkDeckFiledAsync(attempt.Id, ct);
        }
        return due.Count;
    }
}
