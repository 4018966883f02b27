using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.DailyReview;

/// <summary>FSRS card states, plus <see cref="Suspended"/>: the question is no longer published (or no longer shown to the
/// rep), so the review deck skips the card until it is available again.</summary>
public enum CardState { New = 0, Learning = 1, Review = 2, Relearning = 3, Suspended = 4 }

/// <summary>FSRS ratings.</summary>
public enum ReviewRating { Again = 1, Hard = 2, Good = 3, Easy = 4 }

/// <summary>Why a card is in a deck.</summary>
public enum CardOrigin { AnsweredWrong = 0, AddedByUser = 1 }

/// <summary>One question in one rep's review deck, with its FSRS memory state.</summary>
public sealed class ReviewCard
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string QuestionItemId { get; set; } = "";
    public CardOrigin Origin { get; set; }
    public CardState State { get; set; }
    public DateTime DueUtc { get; set; }
    public double Stability { get; set; }
    public double Difficulty { get; set; }
    public int Reps { get; set; }
    public int Lapses { get; set; }
    public DateTime? LastReviewUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>One review of a card: the rating and the state it led to.</summary>
public sealed class ReviewLogEntry
{
    public long Id { get; set; }
    public long CardId { get; set; }
    public string UserId { get; set; } = "";
    public ReviewRating Rating { get; set; }
    public DateTime ReviewedUtc { get; set; }
    /// <summary>Days since the previous review (0 for the first).</summary>
    public double ElapsedDays { get; set; }
    public double ScheduledDays { get; set; }
    public double Stability { get; set; }
    public double Difficulty { get; set; }
    public CardState State { get; set; }
}
