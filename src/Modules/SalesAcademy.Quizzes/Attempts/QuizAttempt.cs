using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>in progress → submitted, or → overdue (time ran out; graded on what was saved) / abandoned (the taker gave up).</summary>
public enum AttemptState { InProgress = 0, Submitted = 1, Overdue = 2, Abandoned = 3 }

/// <summary>
/// One taker's attempt at one quiz version. <see cref="Sequence"/> grows by one with every accepted write; a post
/// carrying an older sequence (a second tab, the back button) is refused.
/// </summary>
public sealed class QuizAttempt
{
    public long Id { get; set; }
    public string QuizItemId { get; set; } = "";
    /// <summary>The quiz version the attempt was started on (pinned).</summary>
    public string QuizVersionId { get; set; } = "";
    /// <summary>The taker's user id (NameIdentifier) and user name.</summary>
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>1 for the taker's first attempt at the quiz, then +1 (item analysis uses first attempts).</summary>
    public int Number { get; set; }
    public AttemptState State { get; set; }
    public int Sequence { get; set; }
    public DateTime StartedUtc { get; set; }
    /// <summary>When the time limit ends (null without a limit).</summary>
    public DateTime? DeadlineUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    /// <summary>Marks earned and available (set when finished; Score excludes answers awaiting manual grading).</summary>
    public double? Score { get; set; }
    public double MaxScore { get; set; }
    public bool? Passed { get; set; }
    /// <summary>Answers that wait for a trainer's grade.</summary>
    public int PendingManual { get; set; }
    /// <summary>
    /// When the wrong answers go into the taker's review deck: the quiz's close time for "afterClose" feedback that was
    /// not due at the finish (a card would name the questions answered wrongly before feedback is due); null once filed.
    /// </summary>
    public DateTime? DeckDueUtc { get; set; }

    public List<AttemptQuestion> Questions { get; set; } = [];

    public bool IsOpen => State == AttemptState.InProgress;
}

/// <summary>One slot of an attempt: the pinned question version, the order its options were shown in, and the answer.</summary>
public sealed class AttemptQuestion
{
    public long Id { get; set; }
    public long AttemptId { get; set; }
    /// <summary>0-based position in the attempt.</summary>
    public int Slot { get; set; }
    public string QuestionItemId { get; set; } = "";
    public string QuestionVersionId { get; set; } = "";
    public double Points { get; set; }
    /// <summary>JSON array: the order the options (or ordering items) were shown in, as indexes into the question's list.</summary>
    public string? OptionOrder { get; set; }
    /// <summary>
    /// JSON array, parallel to <see cref="OptionOrder"/>: the random id this attempt gives the option shown there. Pages and the
    /// API name options only by these ids, so nothing a taker sees correlates with the authoring order (the answer key).
    /// </summary>
    public string? OptionIds { get; set; }
    /// <summary>The answer as JSON (<see cref="QuestionResponse"/>); null while unanswered.</summary>
    public string? Response { get; set; }
    public DateTime? SavedUtc { get; set; }
    /// <summary>Fraction of the points earned, 0..1; null until graded (or while it waits for manual grading).</summary>
    public double? Fraction { get; set; }
    public bool NeedsManualGrading { get; set; }
    public string? GradedBy { get; set; }
}

/// <summary>
/// An answer, one shape for every kind: <c>single</c> uses <see cref="Choice"/>, <c>multiple</c> <see cref="Choices"/>,
/// <c>truefalse</c> <see cref="Value"/>, <c>ordering</c> <see cref="Order"/>, <c>short</c> <see cref="Text"/>. Indexes
/// refer to the question's own lists (authoring order), whatever order they were shown in.
/// </summary>
public sealed record QuestionResponse
{
    public int? Choice { get; init; }
    public List<int>? Choices { get; init; }
    public bool? Value { get; init; }
    public List<int>? Order { get; init; }
    public string? Text { get; init; }
}

/// <summary>
/// An answer as the taker sends and sees it (pages and API): options and ordering items named by the attempt's own ids
/// (<see cref="AttemptQuestion.OptionIds"/>), never by their authoring index. The engine maps it to a <see cref="QuestionResponse"/>.
/// </summary>
public sealed record AttemptAnswer
{
    public string? Choice { get; init; }
    public List<string>? Choices { get; init; }
    public bool? Value { get; init; }
    public List<string>? Order { get; init; }
    public string? Text { get; init; }
}

/// <summary>A grade: the fraction of the points (0..1), or "a trainer must decide".</summary>
public sealed record Grade(double Fraction, bool NeedsManual = false)
{
    public static readonly Grade Wrong = new(0);
    public static readonly Grade Right = new(1);
    public static readonly Grade Manual = new(0, true);
}
