using SalesAcademy.Quizzes.Attempts;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>
/// Item analysis counts first attempts: when one is finished or regraded, its quiz is marked for a recompute, which
/// <see cref="StatisticsRefresher"/> runs shortly after, once for every attempt finished meanwhile.
/// </summary>
internal sealed class FirstAttemptsToStatistics(StatisticsRefresher refresher) : IAttemptFinished
{
    public Task OnFinishedAsync(QuizAttempt attempt, CancellationToken ct)
    {
        if (attempt.Number == 1) refresher.Mark(attempt.QuizItemId);
        return Task.CompletedTask;
    }
}
