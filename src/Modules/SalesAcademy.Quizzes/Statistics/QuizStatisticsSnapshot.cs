using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>A quiz's item analysis, stored as JSON and recomputed when one of its first attempts is finished or regraded.</summary>
public sealed class QuizStatisticsSnapshot
{
    public string QuizItemId { get; set; } = "";
    public DateTime ComputedUtc { get; set; }
    /// <summary>First attempts counted.</summary>
    public int Attempts { get; set; }
    public string Json { get; set; } = "{}";
}
