using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>Who is acting on an attempt: the user id (NameIdentifier) and user name.</summary>
public sealed record Taker(string UserId, string UserName);

public enum SaveStatus { Saved, Stale, Closed, NotFound, Invalid }

/// <summary>The answer to a save: the attempt's new sequence when saved, else why not.</summary>
public sealed record SaveResult(SaveStatus Status, int Sequence, string? Message = null, int? Slot = null);

/// <summary>Why an attempt could not start, or the attempt (a new one, or the one already in progress).</summary>
public sealed record StartResult(QuizAttempt? Attempt, string? Refusal, bool Resumed = false);

/// <summary>Told when an attempt is finished (submitted or overdue) or regraded: the review deck, the item analysis.</summary>
public interface IAttemptFinished
{
    Task OnFinishedAsync(QuizAttempt attempt, CancellationToken ct);
}

/// <summary>
/// The attempt engine: start (pinning the quiz version and every question version), save answers (each change, with a
/// sequence number that refuses stale posts), submit (idempotent), the server-side time limit, grading and regrading.
/// Pages and the API both come here; nothing else writes attempts.
/// </summary>
public sealed class QuizAttempts(QuizzesDbContext db, PublishedContent published, PinnedVersions versions, TimeProvider clock,
    OnDemand<IEnumerable<IAttemptFinished>> listeners, DatabaseWriteGate writes, AttemptAdmission admission)
{
    /// <summary>Saves arriving this long after the deadline still count (the request was on its way).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- start -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Starts an attempt at the quiz's published version, or returns the taker's attempt in progress. Refused when the
    /// quiz is not published, not open yet, closed, has no questions, or the taker has used every attempt allowed.
    /// </summary>
    public async Task<StartResult> StartAsync(string quizItemId, Taker taker, CancellationToken ct = default)
    {
        using var lane = await admission.EnterAsync(ct);
        var quiz = await published.ByIdAsync(quizItemId);
        if (quiz is null || quiz.ContentType != QuizzesModule.QuizType) return new(null, "This quiz is not published.");

        // One query for the taker's attempts at this quiz (a handful of rows, without their questions): the one in
        // progress, how many were used, the next number.
        var mine = await db.Attempts.AsNoTracking().Where(a => a.QuizItemId == quizItemId && a.UserId == taker.UserId).ToListAsync(ct);
        var open = mine.Where(a => a.State == AttemptState.InProgress).MaxBy(a => a.Number);
        if (open is not null)
        {
            if (!await ExpireIfDueAsync(open, ct)) return new(open, null, Resumed: true);
        }

        var part = quiz.As<QuizPart>();
        var now = Now;
        if (part.OpensUtc is { } opens && now < opens) return new(null, "This quiz is not open yet.");
        if (part.ClosesUtc is { } closes && now >= closes) return new(null, "This quiz is closed.");
        var used = mine.Count;
        if (part.AttemptsAllowed > 0 && used >= part.AttemptsAllowed) return new(null, "You have used every attempt this quiz allows.");

        var questions = await ChooseQuestionsAsync(part, quiz.Culture, taker.UserId, ct);
        if (questions.Count == 0) return new(null, "This quiz has no published questions.");

        var random = Random.Shared;
        if (part.Shuffle) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(questions));
        var deadline = part.TimeLimitMinutes is { } minutes ? now.AddMinutes(minutes) : (DateTime?)null;
        if (part.ClosesUtc is { } closing && (deadline is null || closing < deadline)) deadline = closing;

        var attempt = new QuizAttempt
        {
            QuizItemId = quizItemId, QuizVersionId = quiz.ContentItemVersionId, UserId = taker.UserId, UserName = taker.UserName,
            Number = mine.Count == 0 ? 1 : mine.Max(a => a.Number) + 1,
            State = AttemptState.InProgress, StartedUtc = now, DeadlineUtc = deadline,
            MaxScore = questions.Sum(q => q.As<QuestionPart>().Points),
        };
        for (var slot = 0; slot < questions.Count; slot++)
        {
            var question = questions[slot];
            var q = question.As<QuestionPart>();
            var order = OptionOrder(q, random);
            attempt.Questions.Add(new AttemptQuestion
            {
                Slot = slot, QuestionItemId = question.ContentItemId, QuestionVersionId = question.ContentItemVersionId,
                Points = q.Points, OptionOrder = order is null ? null : JsonSerializer.Serialize(order),
                OptionIds = order is null ? null : AttemptOptions.NewIds(order.Length),
            });
        }
        db.Attempts.Add(attempt);
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second tab started the same attempt number at the same moment: continue with that one.
            db.ChangeTracker.Clear();
            var other = await db.Attempts.AsNoTracking().Where(a => a.QuizItemId == quizItemId && a.UserId == taker.UserId && a.State == AttemptState.InProgress)
                .OrderByDescending(a => a.Number).FirstOrDefaultAsync(ct);
            return other is null ? new(null, "The attempt could not be started; try again.") : new(other, null, Resumed: true);
        }
        return new(attempt, null);
    }

    /// <summary>A fixed list in order, or a draw from tags preferring questions the taker has not seen recently.</summary>
    private async Task<List<ContentItem>> ChooseQuestionsAsync(QuizPart part, string culture, string userId, CancellationToken ct)
    {
        if (part.Draw is null)
        {
            var chosen = new List<ContentItem>(part.Questions.Count);
            foreach (var id in part.Questions)
                if (await published.ByIdAsync(id) is { ContentType: QuizzesModule.QuestionType } question) chosen.Add(question);
            return chosen;
        }
        var tags = part.Draw.Tags.ToHashSet(StringComparer.Ordinal);
        var candidates = (await published.ListAsync(QuizzesModule.QuestionType))
            .Where(q => q.As<TagsPart>().Tags.Any(tags.Contains))
            .Where(q => part.DrawAnyLanguage || q.Culture.Length == 0 || string.Equals(q.Culture, culture, StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 0) return [];
        var ids = candidates.Select(c => c.ContentItemId).ToList();
        var lastSeen = await db.AttemptQuestions
            .Where(q => ids.Contains(q.QuestionItemId))
            .Join(db.Attempts.Where(a => a.UserId == userId), q => q.AttemptId, a => a.Id, (q, a) => new { q.QuestionItemId, a.StartedUtc })
            .GroupBy(x => x.QuestionItemId).Select(g => new { Id = g.Key, Last = g.Max(x => x.StartedUtc) })
            .ToDictionaryAsync(x => x.Id, x => x.Last, ct);
        // Never seen first, then the longest unseen; ties broken at random.
        return candidates.Select(c => (Item: c, Seen: lastSeen.TryGetValue(c.ContentItemId, out var last) ? last : DateTime.MinValue, Tie: Random.Shared.Next()))
            .OrderBy(c => c.Seen).ThenBy(c => c.Tie).Take(part.Draw.Count).Select(c => c.Item).ToList();
    }

    /// <summary>
    /// The order options are shown in: always shuffled, per attempt (authors, and GIFT files, put the right option first);
    /// ordering items are never shown already in the right order. The quiz's Shuffle setting is about the question order.
    /// </summary>
    private static int[]? OptionOrder(QuestionPart q, Random random)
    {
        var count = q.Kind switch
        {
            QuestionKinds.Single or QuestionKinds.Multiple => q.Choices.Count,
            QuestionKinds.Ordering => q.Items.Count,
            _ => 0,
        };
        if (count == 0) return null;
        var order = Enumerable.Range(0, count).ToArray();
        if (q.Kind == QuestionKinds.Ordering)
        {
            if (count > 1)
                do random.Shuffle(order); while (order.SequenceEqual(Enumerable.Range(0, count)));
        }
        else random.Shuffle(order);
        return order;
    }

    /// <summary>
    /// Gives a slot from before per-attempt option ids its ids (and its order, when it had none) the first time it is read.
    /// Only the first writer wins, so two readers at once end up with the same ids.
    /// </summary>
    public async Task<AttemptQuestion> EnsureOptionIdsAsync(AttemptQuestion row, int count, CancellationToken ct = default)
    {
        if (count == 0 || !string.IsNullOrEmpty(row.OptionIds)) return row;
        var order = string.IsNullOrEmpty(row.OptionOrder) ? JsonSerializer.Serialize(Enumerable.Range(0, count).ToArray()) : row.OptionOrder;
        var ids = AttemptOptions.NewIds(ReadOrder(order, count).Length);
        await db.AttemptQuestions.Where(q => q.Id == row.Id && q.OptionIds == null)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.OptionOrder, order).SetProperty(q => q.OptionIds, ids), ct);
        return await db.AttemptQuestions.AsNoTracking().SingleAsync(q => q.Id == row.Id, ct);
    }

    // ---- read ----------------------------------------------------------------------------------------------------

    /// <summary>The taker's own attempt with its slots (null when it is not theirs); an attempt past its deadline is finished first.</summary>
    public async Task<QuizAttempt?> GetOwnAsync(long attemptId, string userId, CancellationToken ct = default)
    {
        var attempt = await GetAsync(attemptId, ct);
        return attempt is null || attempt.UserId != userId ? null : await CurrentAsync(attempt, ct);
    }

    /// <summary>The attempt as it stands now: one past its deadline is finished (overdue) and read again.</summary>
    public async Task<QuizAttempt> CurrentAsync(QuizAttempt attempt, CancellationToken ct = default) =>
        await ExpireIfDueAsync(attempt, ct) ? (await GetAsync(attempt.Id, ct))! : attempt;

    /// <summary>Any attempt with its slots, for those allowed to see others' results (the caller checks).</summary>
    public Task<QuizAttempt?> GetAsync(long attemptId, CancellationToken ct = default) =>
        db.Attempts.AsNoTracking().Include(a => a.Questions.OrderBy(q => q.Slot)).SingleOrDefaultAsync(a => a.Id == attemptId, ct);

    /// <summary>The taker's attempts at one quiz (or every quiz), newest first.</summary>
    public async Task<IReadOnlyList<QuizAttempt>> ListOwnAsync(string userId, string? quizItemId = null, CancellationToken ct = default) =>
        await db.Attempts.AsNoTracking().Where(a => a.UserId == userId && (quizItemId == null || a.QuizItemId == quizItemId))
            .OrderByDescending(a => a.StartedUtc).ToListAsync(ct);

    /// <summary>Attempts at a quiz by the given users (null: everyone), newest first.</summary>
    public async Task<IReadOnlyList<QuizAttempt>> ListForQuizAsync(string quizItemId, IReadOnlyCollection<string>? userIds, CancellationToken ct = default) =>
        await db.Attempts.AsNoTracking().Where(a => a.QuizItemId == quizItemId && (userIds == null || userIds.Contains(a.UserId)))
            .OrderBy(a => a.UserName).ThenBy(a => a.Number).ToListAsync(ct);

    // ---- save ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Saves answers (slot → response; null clears it) if <paramref name="sequence"/> is the attempt's current sequence,
    /// and moves the sequence on by one. A stale sequence, a finished attempt or a post after the deadline saves nothing.
    /// </summary>
    /// <remarks>
    /// Three round trips when something changes: one query reads the attempt's head with the posted slots, one batch writes
    /// them with the sequence moved on (BEGIN travels with it), then COMMIT. The UPDATE names the sequence it read
    /// (<c>WHERE "Sequence" = @read</c>: the attempt's concurrency token, and every write to an attempt, finishing included,
    /// moves it on), so a concurrent save, submit or abandon makes this one change nothing and answer Stale or Closed.
    /// </remarks>
    public async Task<SaveResult> SaveAsync(long attemptId, string userId, int sequence, IReadOnlyDictionary<int, AttemptAnswer?> sent,
        CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // the rows read below are tracked: nothing else may be pending in this context
        var head = sent.Count == 1
            ? await HeadWithSlot.For(db)(db, attemptId, sent.Keys.First(), ct)
            : await HeadWithSlots.For(db)(db, attemptId, [.. sent.Keys], ct);
        try
        {
            if (head is null || head.UserId != userId) return new(SaveStatus.NotFound, 0, "No such attempt.");
            if (head.State != AttemptState.InProgress) return new(SaveStatus.Closed, head.Sequence, "This attempt is finished; nothing more can be saved.");
            var now = Now;
            if (head.DeadlineUtc is { } deadline && now > deadline + Grace)
            {
                db.ChangeTracker.Clear();
                await FinishAsync(attemptId, AttemptState.Overdue, ct);
                return new(SaveStatus.Closed, head.Sequence, "Time is up: the attempt was submitted with the answers saved before the deadline.");
            }
            if (sent.Count == 0) return new(SaveStatus.Saved, head.Sequence);

            var rows = head.Rows;
            var pinned = await versions.GetAsync(rows.Select(r => r.QuestionVersionId), ct);
            // The taker names options by this attempt's ids; what is stored and graded are authoring indexes.
            var answers = new Dictionary<int, QuestionResponse?>();
            foreach (var (slot, answer) in sent)
            {
                var row = rows.FirstOrDefault(r => r.Slot == slot);
                if (row is null) return new(SaveStatus.Invalid, head.Sequence, "there is no such question in this attempt.", slot);
                if (pinned.GetValueOrDefault(row.QuestionVersionId) is not { } question) return new(SaveStatus.Invalid, head.Sequence, "there is no such question in this attempt.", slot);
                var part = question.As<QuestionPart>();
                var (response, problem) = AttemptOptions.ToResponse(part, AttemptOptions.Of(row), answer);
                problem ??= response is null ? null : ResponseProblem(part, response);
                if (problem is not null) return new(SaveStatus.Invalid, head.Sequence, problem, slot);
                answers[slot] = response;
            }

            // A page posts every answer each time: write only what changed. A post that changes nothing is accepted whatever
            // its sequence (the submit button pressed while the last autosave was on its way); one that would change an answer
            // with a stale sequence is refused: it would overwrite newer answers with older ones.
            var changed = rows.Select(r => (Row: r, Json: answers[r.Slot] is { } a ? JsonSerializer.Serialize(a, ResponseJson) : null))
                .Where(x => x.Json != x.Row.Response).ToList();
            if (changed.Count == 0) return new(SaveStatus.Saved, head.Sequence);
            if (sequence != head.Sequence) return new(SaveStatus.Stale, head.Sequence, StaleMessage);

            foreach (var (row, json) in changed)
            {
                row.Response = json;
                row.SavedUtc = now;
            }
            // Only the holder of the sequence read above moves it on: the UPDATE names it (concurrency token), and EF writes
            // the answers in the same transaction, so a second tab posting the same sequence changes nothing.
            var moved = new QuizAttempt { Id = attemptId, Sequence = sequence };
            db.Attempts.Attach(moved);
            moved.Sequence = sequence + 1;
            try
            {
                using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.Attempts.AsNoTracking().Where(a => a.Id == attemptId).Select(a => new { a.State, a.Sequence }).SingleAsync(ct);
                return current.State == AttemptState.InProgress
                    ? new(SaveStatus.Stale, current.Sequence, StaleMessage)
                    : new(SaveStatus.Closed, current.Sequence, "This attempt is finished; nothing more can be saved.");
            }
            return new(SaveStatus.Saved, sequence + 1);
        }
        finally { db.ChangeTracker.Clear(); }
    }

    private sealed record SaveHead(string UserId, AttemptState State, int Sequence, DateTime? DeadlineUtc, List<AttemptQuestion> Rows);

    // The save's read, compiled once (an answer save is the portal's most frequent request: translating the LINQ tree and
    // looking up its cached query at every call was a fifth of the save's time on PostgreSQL). One slot (an API save) is a
    // plain parameter: PostgreSQL planned the form with an array parameter anew at nearly every call (a custom plan per
    // array), which took more server time than running it.
    private static readonly CompiledQueries<Func<QuizzesDbContext, long, int, CancellationToken, Task<SaveHead?>>> HeadWithSlot = new(() =>
        EF.CompileAsyncQuery((QuizzesDbContext db, long id, int slot, CancellationToken ct) => db.Attempts.Where(a => a.Id == id)
            .Select(a => new SaveHead(a.UserId, a.State, a.Sequence, a.DeadlineUtc, a.Questions.Where(q => q.Slot == slot).ToList()))
            .SingleOrDefault()));

    private static readonly CompiledQueries<Func<QuizzesDbContext, long, int[], CancellationToken, Task<SaveHead?>>> HeadWithSlots = new(() =>
        EF.CompileAsyncQuery((QuizzesDbContext db, long id, int[] slots, CancellationToken ct) => db.Attempts.Where(a => a.Id == id)
            .Select(a => new SaveHead(a.UserId, a.State, a.Sequence, a.DeadlineUtc, a.Questions.Where(q => slots.Contains(q.Slot)).ToList()))
            .SingleOrDefault()));

    public const string StaleMessage =
        "These answers were changed in another tab or window since this page was loaded. Reload the page to continue from the saved answers.";

    /// <summary>Why a response does not fit the question (an index out of range, a repeated option), or null.</summary>
    internal static string? ResponseProblem(QuestionPart q, QuestionResponse r)
    {
        switch (q.Kind)
        {
            case QuestionKinds.Single when r.Choice is { } choice && (choice < 0 || choice >= q.Choices.Count):
                return "that option does not exist.";
            case QuestionKinds.Multiple when r.Choices is { } choices
                                             && (choices.Any(c => c < 0 || c >= q.Choices.Count) || choices.Distinct().Count() != choices.Count):
                return "an option that does not exist, or one picked twice.";
            case QuestionKinds.Ordering when r.Order is { } order
                                             && (order.Count != q.Items.Count || order.OrderBy(i => i).Where((v, i) => v != i).Any()):
                return "the order must list every item once.";
            case QuestionKinds.Short when r.Text is { Length: > AttemptOptions.MaxTextLength }:
                return "the answer is longer than 2,000 characters.";
            default:
                return null;
        }
    }

    internal static readonly JsonSerializerOptions ResponseJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static QuestionResponse? ReadResponse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<QuestionResponse>(json, ResponseJson);

    public static int[] ReadOrder(string? json, int count) =>
        string.IsNullOrEmpty(json) ? Enumerable.Range(0, count).ToArray() : JsonSerializer.Deserialize<int[]>(json)!;

    // ---- submit, abandon, time limit -------------------------------------------------------------------------------

    /// <summary>
    /// Submits and grades the taker's attempt. Idempotent: submitting a finished attempt returns it unchanged.
    /// Null when the attempt is not the taker's.
    /// </summary>
    public async Task<QuizAttempt?> SubmitAsync(long attemptId, string userId, CancellationToken ct = default)
    {
        var state = await db.Attempts.AsNoTracking().Where(a => a.Id == attemptId && a.UserId == userId)
            .Select(a => new { a.State, a.DeadlineUtc }).SingleOrDefaultAsync(ct);
        if (state is null) return null;
        if (state.State == AttemptState.InProgress)
        {
            using var lane = await admission.EnterAsync(ct);
            await FinishAsync(attemptId, state.DeadlineUtc is { } d && Now > d + Grace ? AttemptState.Overdue : AttemptState.Submitted, ct);
        }
        return await GetAsync(attemptId, ct);
    }

    /// <summary>The taker gives up: the attempt is kept, ungraded, and counts as used.</summary>
    public async Task<bool> AbandonAsync(long attemptId, string userId, CancellationToken ct = default)
    {
        var changed = await db.Attempts.Where(a => a.Id == attemptId && a.UserId == userId && a.State == AttemptState.InProgress)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AttemptState.Abandoned).SetProperty(a => a.FinishedUtc, Now)
                .SetProperty(a => a.Sequence, a => a.Sequence + 1), ct);
        return changed > 0;
    }

    /// <summary>Finishes (as overdue) every attempt whose deadline passed; the sweeper job calls it. Returns how many.</summary>
    public async Task<int> FinishOverdueAsync(CancellationToken ct = default)
    {
        var cutoff = Now - Grace;
        var due = await db.Attempts.AsNoTracking().Where(a => a.State == AttemptState.InProgress && a.DeadlineUtc != null && a.DeadlineUtc < cutoff)
            .OrderBy(a => a.DeadlineUtc).ThenBy(a => a.Id) // the longest overdue first; a row limit without an order is EF's warning
            .Select(a => a.Id).Take(500).ToListAsync(ct);
        var finished = 0;
        foreach (var id in due)
            if (await FinishAsync(id, AttemptState.Overdue, ct)) finished++;
        return finished;
    }

    /// <returns>True when the attempt was past its deadline and is now finished.</returns>
    private async Task<bool> ExpireIfDueAsync(QuizAttempt attempt, CancellationToken ct)
    {
        if (attempt.State != AttemptState.InProgress || attempt.DeadlineUtc is not { } deadline || Now <= deadline + Grace) return false;
        await FinishAsync(attempt.Id, AttemptState.Overdue, ct);
        return true;
    }

    /// <summary>Grades every slot against its pinned version and closes the attempt; only the first finisher wins.</summary>
    /// <returns>True when this call finished it.</returns>
    private async Task<bool> FinishAsync(long attemptId, AttemptState state, CancellationToken ct)
    {
        // A save may move the sequence between reading and writing: read again and retry.
        for (var tries = 0; tries < 5; tries++)
            if (await TryFinishAsync(attemptId, state, ct) is { } finished) return finished;
        return false;
    }

    /// <returns>True: finished now; false: it was already finished; null: a concurrent write won, try again.</returns>
    private async Task<bool?> TryFinishAsync(long attemptId, AttemptState state, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var attempt = await db.Attempts.Include(a => a.Questions).SingleAsync(a => a.Id == attemptId, ct);
        if (attempt.State != AttemptState.InProgress) return false;
        var pinned = await versions.GetAsync(attempt.Questions.Select(q => q.QuestionVersionId).Append(attempt.QuizVersionId), ct);
        foreach (var slot in attempt.Questions)
        {
            var question = pinned[slot.QuestionVersionId].As<QuestionPart>();
            var grade = QuestionGrading.Grade(question, ReadResponse(slot.Response));
            slot.NeedsManualGrading = grade.NeedsManual;
            slot.Fraction = grade.NeedsManual ? null : grade.Fraction;
        }
        attempt.State = state;
        attempt.FinishedUtc = Now;
        attempt.Sequence++;
        var quiz = pinned[attempt.QuizVersionId].As<QuizPart>();
        attempt.DeckDueUtc = FeedbackDueUtc(quiz) is { } due && due > Now ? due : null;
        Score(attempt, quiz);
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        db.ChangeTracker.Clear();
        await NotifyAsync(attempt, ct);
        return true;
    }

    /// <summary>When a finished attempt's per-question results may be shown: null for immediate feedback.</summary>
    public static DateTime? FeedbackDueUtc(QuizPart quiz) =>
        quiz.Feedback == FeedbackTimings.Immediate ? null : quiz.ClosesUtc ?? DateTime.MaxValue;

    /// <summary>Finished attempts whose wrong answers were held back from the deck until feedback was due, and are due now.</summary>
    public async Task<IReadOnlyList<QuizAttempt>> DeckDueAsync(CancellationToken ct = default)
    {
        var now = Now;
        return await db.Attempts.AsNoTracking().Include(a => a.Questions).Where(a => a.DeckDueUtc != null && a.DeckDueUtc <= now)
            .OrderBy(a => a.DeckDueUtc).Take(200).ToListAsync(ct);
    }

    public Task MarkDeckFiledAsync(long attemptId, CancellationToken ct = default) =>
        db.Attempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeckDueUtc, (DateTime?)null), ct);

    private static void Score(QuizAttempt attempt, QuizPart quiz)
    {
        attempt.PendingManual = attempt.Questions.Count(q => q.NeedsManualGrading);
        attempt.Score = attempt.Questions.Sum(q => (q.Fraction ?? 0) * q.Points);
        attempt.Passed = attempt.PendingManual > 0 ? null : Percent(attempt) >= quiz.PassMark;
    }

    public static double Percent(QuizAttempt attempt) => attempt.MaxScore <= 0 ? 0 : Math.Round(100 * (attempt.Score ?? 0) / attempt.MaxScore, 1);

    // ---- manual grading ------------------------------------------------------------------------------------------

    /// <summary>Answers waiting for a trainer, oldest first.</summary>
    public async Task<IReadOnlyList<(QuizAttempt Attempt, AttemptQuestion Slot)>> PendingManualAsync(CancellationToken ct = default)
    {
        var rows = await db.AttemptQuestions.AsNoTracking().Where(q => q.NeedsManualGrading)
            .Join(db.Attempts.AsNoTracking(), q => q.AttemptId, a => a.Id, (q, a) => new { q, a })
            .OrderBy(x => x.a.FinishedUtc).Take(200).ToListAsync(ct);
        return rows.Select(x => (x.a, x.q)).ToList();
    }

    /// <summary>A trainer's grade for an answer the rules could not decide; the attempt's score and pass are updated.</summary>
    public async Task<bool> GradeManuallyAsync(long attemptQuestionId, double fraction, string grader, CancellationToken ct = default)
    {
        if (fraction is < 0 or > 1 || double.IsNaN(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction), "must be between 0 and 1");
        var slot = await db.AttemptQuestions.SingleOrDefaultAsync(q => q.Id == attemptQuestionId && q.NeedsManualGrading, ct);
        if (slot is null) return false;
        var attempt = await db.Attempts.Include(a => a.Questions).SingleAsync(a => a.Id == slot.AttemptId, ct);
        if (attempt.IsOpen) return false;
        slot.Fraction = fraction;
        slot.NeedsManualGrading = false;
        slot.GradedBy = grader;
        Score(attempt, (await versions.GetAsync(attempt.QuizVersionId, ct))!.As<QuizPart>());
        attempt.Sequence++;
        await db.SaveChangesAsync(ct);
        await NotifyAsync(attempt, ct);
        return true;
    }

    private async Task NotifyAsync(QuizAttempt attempt, CancellationToken ct)
    {
        // Built when an attempt finishes, not for every save (the review deck's listener holds the content manager).
        foreach (var listener in listeners.Value) await listener.OnFinishedAsync(attempt, ct);
    }
}
