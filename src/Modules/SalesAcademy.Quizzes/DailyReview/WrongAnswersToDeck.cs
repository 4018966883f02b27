using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.DailyReview;

/// <summary>
/// When an attempt is finished, every question not fully right goes into the taker's review deck (due now). For a quiz whose
/// feedback comes after it closes, that waits until then (<see cref="QuizAttempt.DeckDueUtc"/>; <see cref="Jobs.OverdueAttemptsJob"/>
/// files them): a card would tell which questions were wrong before feedback is due.
/// </summary>
internal sealed class WrongAnswersToDeck(ReviewDeck deck) : IAttemptFinished
{
    public Task OnFinishedAsync(QuizAttempt attempt, CancellationToken ct) =>
        attempt.DeckDueUtc is not null ? Task.CompletedTask : FileAsync(deck, attempt, ct);

    public static Task FileAsync(ReviewDeck deck, QuizAttempt attempt, CancellationToken ct)
    {
        var wrong = attempt.Questions.Where(q => !q.NeedsManualGrading && (q.Fraction ?? 0) < 1).Select(q => q.QuestionItemId).ToList();
        return wrong.Count == 0 ? Task.CompletedTask : deck.AddAsync(attempt.UserId, wrong, CardOrigin.AnsweredWrong, ct);
    }
}
