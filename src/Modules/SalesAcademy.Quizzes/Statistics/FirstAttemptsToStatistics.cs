using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>Item analysis counts first attempts: when one is finished or regraded, its quiz's statistics are recomputed.</summary>
internal sealed class FirstAttemptsToStatistics(QuizStatistics statistics) : IAttemptFinished
{
    public Task OnFinishedAsync(QuizAttempt attempt, CancellationToken ct) =>
        attempt.Number == 1 ? statistics.RecomputeAsync(attempt.QuizItemId, ct) : Task.CompletedTask;
}
