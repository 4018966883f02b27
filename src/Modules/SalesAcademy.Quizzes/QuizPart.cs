using System.Text.Json.Serialization;
using SalesAcademy.Content.Models;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes;

/// <summary>When a taker sees right answers and explanations.</summary>
public static class FeedbackTimings
{
    /// <summary>Each answer is checked as soon as the taker confirms it; the result page shows everything.</summary>
    public const string Immediate = "immediate";
    /// <summary>Scores only until the quiz closes (<see cref="QuizPart.ClosesUtc"/>); then answers and explanations.</summary>
    public const string AfterClose = "afterClose";
    public static readonly string[] All = [Immediate, AfterClose];
}

/// <summary>
/// A quiz (content type <c>Quiz</c>): a fixed list of questions, or a random draw of <see cref="Draw"/>.Count questions
/// from tags, plus the rules an attempt follows. Attempts pin the quiz version and every question version they use.
/// </summary>
public sealed class QuizPart : IContentPart, IContentReferences
{
    /// <summary>Fixed list: Question ids in order. Leave empty when drawing at random.</summary>
    public List<string> Questions { get; set; } = [];
    /// <summary>Random draw: how many questions, from which tags.</summary>
    public QuizDraw? Draw { get; set; }
    /// <summary>Minutes from the start; null for no limit. The server enforces it.</summary>
    public int? TimeLimitMinutes { get; set; }
    /// <summary>Percent of the marks needed to pass (0-100).</summary>
    public double PassMark { get; set; } = 60;
    /// <summary>How many attempts a taker may start; 0 for no limit.</summary>
    public int AttemptsAllowed { get; set; }
    /// <summary>Shuffle the question order per attempt. Options of choice and ordering questions are always shuffled (authors,
    /// and GIFT files, tend to put the right option first).</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Shuffle { get; set; }
    public string Feedback { get; set; } = FeedbackTimings.Immediate;
    /// <summary>Optional: attempts cannot start before this time (UTC).</summary>
    public DateTime? OpensUtc { get; set; }
    /// <summary>Optional: attempts cannot start after this time (UTC); feedback "afterClose" is shown from then on.</summary>
    public DateTime? ClosesUtc { get; set; }

    public IEnumerable<ContentFieldError> Validate()
    {
        var drawing = Draw is not null;
        if (Questions.Count == 0 && !drawing) yield return new("questions", "list at least one question, or set draw");
        if (Questions.Count > 0 && drawing) yield return new("draw", "use either questions or draw, not both");
        if (Questions.Distinct(StringComparer.Ordinal).Count() != Questions.Count) yield return new("questions", "lists a question twice");
        if (Draw is { } draw)
        {
            if (draw.Count is < 1 or > 200) yield return new("draw.count", "must be between 1 and 200");
            if (draw.Tags.Count == 0) yield return new("draw.tags", "needs at least one tag");
        }
        if (TimeLimitMinutes is < 1 or > 600) yield return new("timeLimitMinutes", "must be between 1 and 600 minutes");
        if (PassMark is < 0 or > 100) yield return new("passMark", "must be a percentage between 0 and 100");
        if (AttemptsAllowed is < 0 or > 100) yield return new("attemptsAllowed", "must be between 0 (no limit) and 100");
        if (!FeedbackTimings.All.Contains(Feedback)) yield return new("feedback", $"must be one of {string.Join(", ", FeedbackTimings.All)}");
        if (Feedback == FeedbackTimings.AfterClose && ClosesUtc is null) yield return new("closesUtc", "is required when feedback is afterClose");
        if (OpensUtc is { } opens && ClosesUtc is { } closes && closes <= opens) yield return new("closesUtc", "must be after opensUtc");
    }

    public IEnumerable<ContentReference> References() =>
        Questions.Select((id, i) => new ContentReference($"questions[{i}]", id, "Question"));
}

public sealed class QuizDraw
{
    public int Count { get; set; }
    /// <summary>Questions carrying any of these tags are candidates; ones the taker has not seen recently come first.</summary>
    public List<string> Tags { get; set; } = [];
}
