using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Models;
using SalesAcademy.Quizzes.Services;
using SalesAcademy.Testing;
using Xunit.Abstractions;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Runs only when SALESACADEMY_MEASURE=1 (bench/item-analysis.sh): measurements are not tests.</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SALESACADEMY_MEASURE") != "1") Skip = "A measurement: run bench/item-analysis.sh";
    }
}

/// <summary>
/// How long <see cref="QuizStatistics.RecomputeAsync"/> takes for 1,000 finished first attempts × 20 questions (read, compute,
/// store), on each provider. Prints the times; asserts only that every attempt and question was counted.
/// </summary>
public abstract class ItemAnalysisMeasurement(PortalServices portal, ITestOutputHelper output)
{
    [MeasurementFact]
    public async Task Recompute_1000_first_attempts_of_20_questions()
    {
        const int takers = 1000, questions = 20;
        var quizId = "measure-" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(7);
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
            for (var t = 0; t < takers; t++)
            {
                var ability = random.NextDouble() * 4 - 2;
                db.Attempts.Add(new QuizAttempt
                {
                    QuizItemId = quizId, QuizVersionId = "v1", UserId = $"u{t}", UserName = $"u{t}", Number = 1, State = AttemptState.Submitted,
                    StartedUtc = DateTime.UtcNow, FinishedUtc = DateTime.UtcNow, MaxScore = questions,
                    Questions = Enumerable.Range(0, questions).Select(q => new AttemptQuestion
                    {
                        Slot = q, QuestionItemId = $"{quizId}-q{q}", QuestionVersionId = "v1", Points = 1,
                        Fraction = random.NextDouble() < 1 / (1 + Math.Exp(-(ability - (q - 10) / 5.0))) ? 1 : 0,
                    }).ToList(),
                });
            }
            await db.SaveChangesAsync();
        }

        var times = new List<double>();
        QuizStatisticsReport? report = null;
        for (var run = 0; run < 6; run++)
        {
            await using var scope = portal.CreateScope();
            var statistics = scope.ServiceProvider.GetRequiredService<QuizStatistics>();
            var clock = Stopwatch.StartNew();
            report = await statistics.RecomputeAsync(quizId);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        Assert.Equal(takers, report!.Attempts);
        Assert.Equal(questions, report.Questions.Count);
        Assert.All(report.Questions, q => Assert.Equal(takers, q.N));

        // The computation alone, on the same marks held in memory.
        List<AttemptScores> inMemory;
        await using (var scope = portal.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
            inMemory = db.Attempts.Where(a => a.QuizItemId == quizId).Select(a => new { a.Id, a.Questions }).AsEnumerable()
                .Select(a => new AttemptScores(a.Id, a.Questions.Select(q => new ItemScore(q.QuestionItemId, q.Slot, q.Fraction ?? 0, q.Points)).ToList())).ToList();
        }
        var computeTimes = new List<double>();
        for (var run = 0; run < 30; run++)
        {
            var clock = Stopwatch.StartNew();
            ItemAnalysis.Analyse(quizId, inMemory, DateTime.UtcNow);
            computeTimes.Add(clock.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"[{portal.Provider}] ItemAnalysis.Analyse alone (30 runs): first {computeTimes[0]:F1} ms, min {computeTimes.Min():F1} ms, "
            + $"median {computeTimes.Order().ElementAt(15):F1} ms");

        var steady = times.Skip(1).Order().ToList();
        output.WriteLine($"[{portal.Provider}] RecomputeAsync, {takers} first attempts × {questions} questions: first {times[0]:F0} ms, "
            + $"then median {steady[steady.Count / 2]:F0} ms (min {steady[0]:F0}, max {steady[^1]:F0}) over {steady.Count} runs; "
            + $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
}

public sealed class ItemAnalysisMeasurement_Sqlite(SqliteServices portal, ITestOutputHelper output) : ItemAnalysisMeasurement(portal, output), IClassFixture<SqliteServices>;

public sealed class ItemAnalysisMeasurement_Postgres(PostgresServices portal, ITestOutputHelper output) : ItemAnalysisMeasurement(portal, output), IClassFixture<PostgresServices>;
