using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Data;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>Item-analysis settings (section <c>Quizzes</c>).</summary>
public sealed class QuizStatisticsOptions
{
    /// <summary>
    /// <c>Quizzes:StatisticsDelaySeconds</c>: how long after a first attempt is finished its quiz's statistics are recomputed
    /// (default 2, at most 600). Every attempt finished meanwhile is counted by that one recompute.
    /// </summary>
    public double StatisticsDelaySeconds { get; set; } = 2;
}

/// <summary>
/// Recomputes a quiz's item analysis in the background, once for many finished attempts. Recomputing reads every finished
/// first attempt of the quiz, so doing it inside each submit made a quiz round quadratic: when 750 takers submitted
/// within a minute, answer saves waited seconds behind the recomputes. A finished (or regraded) first attempt now marks its
/// quiz; after <see cref="QuizStatisticsOptions.StatisticsDelaySeconds"/> the marked quizzes are recomputed, one at a time.
/// At start-up every quiz with a first attempt finished after its stored statistics is marked, so a node that stopped before
/// it recomputed leaves nothing stale.
/// </summary>
public sealed class StatisticsRefresher(IServiceScopeFactory scopes, IOptions<QuizStatisticsOptions> options, ILogger<StatisticsRefresher> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _marked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>The quiz's statistics are out of date: recompute them soon.</summary>
    public void Mark(string quizItemId)
    {
        if (_marked.TryAdd(quizItemId, 0)) _signal.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(options.Value.StatisticsDelaySeconds);
        try
        {
            await MarkStaleAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                if (delay > TimeSpan.Zero) await Task.Delay(delay, stoppingToken);
                while (_signal.Wait(0)) { } // every mark so far is handled by this pass
                foreach (var quizItemId in _marked.Keys)
                {
                    _marked.TryRemove(quizItemId, out _); // a mark arriving during the recompute comes round again
                    await RecomputeAsync(quizItemId, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecomputeAsync(string quizItemId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<QuizStatistics>().RecomputeAsync(quizItemId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Recomputing the statistics of quiz {Quiz} failed; the next finished attempt tries again", quizItemId);
        }
    }

    /// <summary>Marks the quizzes whose newest finished first attempt is newer than their stored statistics (run at start-up).</summary>
    internal async Task MarkStaleAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
            var finished = await db.Attempts.AsNoTracking()
                .Where(a => a.Number == 1 && (a.State == AttemptState.Submitted || a.State == AttemptState.Overdue) && a.FinishedUtc != null)
                .GroupBy(a => a.QuizItemId).Select(g => new { Quiz = g.Key, Last = g.Max(a => a.FinishedUtc) }).ToListAsync(ct);
            var computed = await db.Statistics.AsNoTracking().ToDictionaryAsync(s => s.QuizItemId, s => s.ComputedUtc, ct);
            foreach (var quiz in finished)
                if (!computed.TryGetValue(quiz.Quiz, out var at) || at < quiz.Last) Mark(quiz.Quiz);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Looking for quizzes with out-of-date statistics failed");
        }
    }
}
