using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.DailyReview;

/// <summary>What became of a rating.</summary>
public enum RateStatus
{
    Rated,
    /// <summary>No such card in this user's deck.</summary>
    NotFound,
    /// <summary>The card was rated (or changed) since the form was shown: a double submission, a second tab.</summary>
    Stale,
}

public sealed record RateResult(RateStatus Status, ReviewCard? Card = null, FsrsOutcome? Outcome = null);

/// <summary>
/// Each rep's review deck: the questions they answered wrongly in a quiz and the ones they added, scheduled with
/// <see cref="Fsrs"/>. Cards are per user (a card id of another user is "not found").
/// </summary>
/// <remarks>
/// <para>What a card may show: its question's current published version, and only to a user who was shown that question
/// in one of their own finished attempts (submitted or timed out; an abandoned or running attempt does not count), once
/// that quiz's feedback is visible (immediately, or when the quiz closes for "afterClose" quizzes). A due card that
/// fails this is skipped: postponed to when the quiz closes, or <see cref="CardState.Suspended"/> when the question is
/// no longer published or the user has no such attempt. A suspended card comes back (due at once) when its question is
/// available again and the deck list is opened or the question is answered wrongly again.</para>
/// <para><see cref="AddAsync"/> trusts its caller about exposure (the attempt engine calls it when an attempt is finished;
/// the add page checks <see cref="RevealTimeAsync"/> first); the review page checks again before showing a card.</para>
/// </remarks>
public sealed class ReviewDeck(QuizzesDbContext db, PublishedContent published, ContentManager content, Fsrs fsrs, TimeProvider clock,
    DatabaseWriteGate writes)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Puts questions into the user's deck, new cards due now. Idempotent: a card that exists stays as it is, except that
    /// a question answered wrongly again (<see cref="CardOrigin.AnsweredWrong"/>) becomes due now (keeping its memory
    /// state: the rating the rep then gives counts the lapse, not the quiz) and a suspended card is resumed.
    /// </summary>
    public async Task AddAsync(string userId, IEnumerable<string> questionItemIds, CardOrigin origin, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var ids = questionItemIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        // A concurrent add of the same question loses on the unique index (UserId, QuestionItemId): read again and retry once.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await AddOnceAsync(userId, ids, origin, ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task AddOnceAsync(string userId, List<string> ids, CardOrigin origin, CancellationToken ct)
    {
        var now = Now;
        var existing = await db.ReviewCards.Where(c => c.UserId == userId && ids.Contains(c.QuestionItemId)).ToListAsync(ct);
        foreach (var card in existing)
        {
            if (card.State == CardState.Suspended)
            {
                card.State = ResumedState(card);
                card.DueUtc = now;
            }
            else if (origin == CardOrigin.AnsweredWrong && card.DueUtc > now)
            {
                card.DueUtc = now;
            }
        }
        foreach (var id in ids.Where(id => existing.All(c => c.QuestionItemId != id)))
            db.ReviewCards.Add(new ReviewCard { UserId = userId, QuestionItemId = id, Origin = origin, State = CardState.New, DueUtc = now, CreatedUtc = now });
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct); // every submit of a quiz round comes here
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Cards due now (suspended ones left out): one COUNT on the (UserId, DueUtc) index.</summary>
    /// <summary>Which of these questions already have a card in the user's deck.</summary>
    public async Task<IReadOnlySet<string>> InDeckAsync(string userId, IReadOnlyCollection<string> questionItemIds, CancellationToken ct = default) =>
        (await db.ReviewCards.AsNoTracking().Where(c => c.UserId == userId && questionItemIds.Contains(c.QuestionItemId))
            .Select(c => c.QuestionItemId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public Task<int> DueCountAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        return db.ReviewCards.CountAsync(c => c.UserId == userId && c.DueUtc <= now && c.State != CardState.Suspended, ct);
    }

    /// <summary>How many cards the deck holds, and when the next card that is not yet due falls due.</summary>
    public async Task<(int Size, DateTime? NextDueUtc)> SummaryAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        var size = await db.ReviewCards.CountAsync(c => c.UserId == userId, ct);
        var next = await db.ReviewCards.Where(c => c.UserId == userId && c.DueUtc > now && c.State != CardState.Suspended)
            .OrderBy(c => c.DueUtc).Select(c => (DateTime?)c.DueUtc).FirstOrDefaultAsync(ct);
        return (size, next);
    }

    /// <summary>
    /// The due card to review next (oldest due first) whose question the user may see now; cards that may not be shown
    /// are postponed or suspended on the way (see the class remarks).
    /// </summary>
    public async Task<ReviewCard?> NextDueAsync(string userId, CancellationToken ct = default)
    {
        while (true)
        {
            var now = Now;
            var batch = await db.ReviewCards.AsNoTracking()
                .Where(c => c.UserId == userId && c.DueUtc <= now && c.State != CardState.Suspended)
                .OrderBy(c => c.DueUtc).ThenBy(c => c.Id).Take(20).ToListAsync(ct);
            if (batch.Count == 0) return null;
            foreach (var card in batch)
            {
                var availability = await AvailabilityAsync(card, now, ct);
                if (availability.Question is not null) return card;
                // Each skipped card leaves the due set, so the loop ends.
                if (availability.RevealUtc is { } reveal)
                    await db.ReviewCards.Where(c => c.Id == card.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueUtc, reveal), ct);
                else
                    await db.ReviewCards.Where(c => c.Id == card.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CardState.Suspended), ct);
            }
        }
    }

    /// <summary>The card's question as the user may see it now, or null (withdrawn, never shown, feedback not yet visible).</summary>
    public async Task<ContentItem?> QuestionForAsync(ReviewCard card, CancellationToken ct = default) =>
        (await AvailabilityAsync(card, Now, ct)).Question;

    /// <summary>
    /// When the user may see the answer to a question they were shown in one of their finished attempts: the earliest over
    /// those attempts (<see cref="DateTime.MinValue"/> when feedback was immediate, the quiz's close time for "afterClose");
    /// null when no finished attempt of theirs showed it.
    /// </summary>
    public async Task<DateTime?> RevealTimeAsync(string userId, string questionItemId, CancellationToken ct = default)
    {
        var quizVersions = await db.Attempts.AsNoTracking()
            .Where(a => a.UserId == userId && (a.State == AttemptState.Submitted || a.State == AttemptState.Overdue)
                        && a.Questions.Any(q => q.QuestionItemId == questionItemId))
            .Select(a => a.QuizVersionId).Distinct().ToListAsync(ct);
        DateTime? earliest = null;
        foreach (var versionId in quizVersions)
        {
            // Versions are kept for ever (deleting an item is soft), so the pinned quiz version is there.
            if (await content.GetVersionAsync(versionId, ct) is not { } quiz) continue;
            var part = quiz.As<QuizPart>();
            var reveal = part.Feedback == FeedbackTimings.AfterClose ? part.ClosesUtc ?? DateTime.MaxValue : DateTime.MinValue;
            if (earliest is null || reveal < earliest) earliest = reveal;
        }
        return earliest;
    }

    /// <summary>What each rating would do to the card now (for the buttons' "Good · 3 d").</summary>
    public IReadOnlyDictionary<ReviewRating, FsrsOutcome> Preview(ReviewCard card) => fsrs.Preview(card, Now);

    /// <summary>
    /// Rates a card of this user: applies FSRS and logs the review, in one transaction. <paramref name="expectedReps"/> is
    /// the card's review count when the form was shown; a second post of the same form finds it changed and is refused.
    /// </summary>
    public async Task<RateResult> RateAsync(string userId, long cardId, ReviewRating rating, int expectedReps, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(rating)) throw new ArgumentOutOfRangeException(nameof(rating), rating, "must be Again, Hard, Good or Easy");
        var card = await FindAsync(userId, cardId, ct);
        if (card is null) return new(RateStatus.NotFound);
        if (card.Reps != expectedReps || card.State == CardState.Suspended) return new(RateStatus.Stale, card);

        var now = Now;
        var outcome = fsrs.Rate(card, rating, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.ReviewCards
            .Where(c => c.Id == cardId && c.UserId == userId && c.Reps == expectedReps && c.State != CardState.Suspended)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, outcome.State)
                .SetProperty(c => c.Stability, outcome.Stability)
                .SetProperty(c => c.Difficulty, outcome.Difficulty)
                .SetProperty(c => c.DueUtc, outcome.DueUtc)
                .SetProperty(c => c.Reps, outcome.Reps)
                .SetProperty(c => c.Lapses, outcome.Lapses)
                .SetProperty(c => c.LastReviewUtc, now), ct);
        if (updated == 0) return new(RateStatus.Stale, card);
        db.ReviewLog.Add(new ReviewLogEntry
        {
            CardId = cardId, UserId = userId, Rating = rating, ReviewedUtc = now, ElapsedDays = outcome.ElapsedDays,
            ScheduledDays = outcome.IntervalDays, Stability = outcome.Stability, Difficulty = outcome.Difficulty, State = outcome.State,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(RateStatus.Rated, await FindAsync(userId, cardId, ct), outcome);
    }

    /// <summary>Removes a card of this user and its review log; false when there is no such card.</summary>
    public async Task<bool> RemoveAsync(string userId, long cardId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.ReviewCards.Where(c => c.Id == cardId && c.UserId == userId).ExecuteDeleteAsync(ct);
        if (removed == 0) return false;
        await db.ReviewLog.Where(l => l.CardId == cardId && l.UserId == userId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public Task<ReviewCard?> FindAsync(string userId, long cardId, CancellationToken ct = default) =>
        db.ReviewCards.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cardId && c.UserId == userId, ct);

    /// <summary>
    /// The user's cards, due first, each with its published question when the user may see it now (null otherwise).
    /// Suspended cards whose question is available again are resumed, due now.
    /// </summary>
    public async Task<IReadOnlyList<(ReviewCard Card, ContentItem? Question)>> ListAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        var cards = await db.ReviewCards.AsNoTracking().Where(c => c.UserId == userId)
            .OrderBy(c => c.DueUtc).ThenBy(c => c.Id).ToListAsync(ct);
        var list = new List<(ReviewCard, ContentItem?)>(cards.Count);
        foreach (var card in cards)
        {
            var question = (await AvailabilityAsync(card, now, ct)).Question;
            if (question is not null && card.State == CardState.Suspended)
            {
                card.State = ResumedState(card);
                card.DueUtc = now;
                await db.ReviewCards.Where(c => c.Id == card.Id && c.State == CardState.Suspended)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, card.State).SetProperty(c => c.DueUtc, now), ct);
            }
            list.Add((card, question));
        }
        return list;
    }

    /// <summary>The published question if the user may see it now; else when they may (null: not while things stay as they are).</summary>
    private async Task<(ContentItem? Question, DateTime? RevealUtc)> AvailabilityAsync(ReviewCard card, DateTime now, CancellationToken ct)
    {
        if (await published.ByIdAsync(card.QuestionItemId) is not { ContentType: QuizzesModule.QuestionType } question) return (null, null);
        var reveal = await RevealTimeAsync(card.UserId, card.QuestionItemId, ct);
        if (reveal is null || reveal == DateTime.MaxValue) return (null, null);
        return reveal <= now ? (question, null) : (null, reveal);
    }

    private static CardState ResumedState(ReviewCard card) => card.Reps == 0 ? CardState.New : CardState.Review;
}
