using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Data;

namespace SalesAcademy.Quizzes.Rounds;

/// <summary>A member's place in a round: the assignment and the attempt that counts (the best finished one started in the round).</summary>
public sealed record RoundMember(QuizAssignment Assignment, QuizAttempt? Counted, bool InProgress)
{
    public bool Finished => Counted is not null;
}

/// <summary>A question of the round and the share of the counted attempts that got it fully right.</summary>
public sealed record RoundQuestion(string QuestionItemId, string Title, int Answered, double ShareCorrect);

/// <summary>A round as its summary page and the lead's notification show it (the members one may see).</summary>
public sealed record RoundSummary(long RunId, ContentItem? Quiz, DateTime? DueUtc, bool Closed, IReadOnlyList<TeamName> Teams,
    IReadOnlyList<RoundMember> Members, IReadOnlyList<RoundQuestion> Weakest)
{
    public int Assigned => Members.Count;
    public int Finished => Members.Count(m => m.Finished);
    public double? Mean => Finished == 0 ? null : Math.Round(Members.Where(m => m.Finished).Average(m => QuizAttempts.Percent(m.Counted!)), 1);
}

/// <summary>A round the rep is due to take: which quiz, by when.</summary>
public sealed record DueRound(long RunId, string QuizItemId, DateTime? DueUtc);

/// <summary>
/// The only writer of quiz assignments: opens a round (assigns and tells the members), reminds those who have not
/// finished, closes it (submits attempts in progress through <see cref="QuizAttempts"/>, marks the missing, tells each
/// member their result and each team's leads the summary). Every step is idempotent per run (see <see cref="QuizRoundKind"/>).
/// </summary>
public sealed class QuizRounds(QuizzesDbContext db, QuizAttempts attempts, PublishedContent published, ITeamDirectory teams,
    IUserDirectory users, IUserNotifications notifications, DatabaseWriteGate writes, TimeProvider clock)
{
    public const int WeakestShown = 3;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The published quiz a setting names, by content item id or slug; null when there is none.</summary>
    public async Task<ContentItem?> QuizAsync(string? idOrSlug)
    {
        if (string.IsNullOrWhiteSpace(idOrSlug)) return null;
        var value = idOrSlug.Trim();
        return await published.ByIdAsync(value) is { ContentType: QuizzesModule.QuizType } byId ? byId
            : await published.BySlugAsync(QuizzesModule.QuizType, value);
    }

    // ---- open ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Assigns the quiz to every member of the run's teams (bulk: one read of the run's assignments, one insert) and tells
    /// those not told yet, in one notification call. Returns how many members the run has.
    /// </summary>
    public async Task<int> OpenAsync(CycleRunContext run, ContentItem quiz, CancellationToken ct)
    {
        var memberships = await teams.MembersAsync(run.TeamIds, ct);
        // A member of two of the round's teams belongs to the first (in the run's order) for the summary.
        var teamOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var teamId in run.TeamIds)
            foreach (var m in memberships.Where(m => m.TeamId == teamId)) teamOf.TryAdd(m.UserId, teamId);
        var known = await users.ByIdsAsync(teamOf.Keys.ToList(), ct);
        var now = Now;
        for (var tries = 0; ; tries++)
        {
            var existing = (await db.Assignments.AsNoTracking().Where(a => a.RunId == run.RunId).Select(a => a.UserId).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var added = teamOf.Where(m => !existing.Contains(m.Key) && known.ContainsKey(m.Key)).Select(m => new QuizAssignment
            {
                RunId = run.RunId, CycleId = run.CycleId, QuizItemId = quiz.ContentItemId, TeamId = m.Value, UserId = m.Key,
                UserName = known[m.Key].UserName, AssignedUtc = now, DueUtc = run.ClosesUtc, State = AssignmentState.Assigned,
            }).ToList();
            if (added.Count == 0) break;
            db.Assignments.AddRange(added);
            try
            {
                using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (tries < 2)
            {
                // The unique (run, member) key: another node wrote some of them meanwhile; read again and add the rest.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        // Tell those not told yet, then mark them: at least once, and the notice's key makes a repeat a no-op for the outbox.
        var untold = await db.Assignments.AsNoTracking().Where(a => a.RunId == run.RunId && a.NotifiedUtc == null).Select(a => a.UserName).ToListAsync(ct);
        if (untold.Count > 0)
        {
            var due = await DueTextAsync(run, ct);
            await notifications.NotifyAsync(untold, new Notice(QuizRoundKind.OpenNotice,
                due is null ? "Your team's quiz round has opened: {0}." : "Your team's quiz round has opened: {0}. Finish it by {1}.",
                due is null ? [quiz.DisplayText] : [quiz.DisplayText, due], $"/quizzes/{quiz.Slug}") { Key = $"cycle-run:{run.RunId}:open" }, ct);
            using (await writes.EnterAsync(ct))
                await db.Assignments.Where(a => a.RunId == run.RunId && a.NotifiedUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.NotifiedUtc, now), ct);
        }
        return await db.Assignments.CountAsync(a => a.RunId == run.RunId, ct);
    }

    // ---- remind --------------------------------------------------------------------------------------------------

    /// <summary>Reminds the members who have not finished (keyed per offset). Returns (members, finished).</summary>
    public async Task<(int Members, int Finished)> RemindAsync(CycleRunContext run, ContentItem quiz, CancellationToken ct)
    {
        var members = await MembersAsync(run.RunId, null, ct);
        var pending = members.Where(m => !m.Finished).Select(m => m.Assignment.UserName).ToList();
        if (pending.Count > 0)
        {
            var due = await DueTextAsync(run, ct);
            var offset = (int)(run.ReminderBefore ?? TimeSpan.Zero).TotalMinutes;
            await notifications.NotifyAsync(pending, new Notice(QuizRoundKind.ReminderNotice,
                "Reminder: your team's quiz round {0} closes at {1} and you have not finished it yet.",
                [quiz.DisplayText, due ?? "–"], $"/quizzes/{quiz.Slug}") { Key = $"cycle-run:{run.RunId}:remind:{offset}" }, ct);
        }
        return (members.Count, members.Count - pending.Count);
    }

    // ---- close ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Submits the attempts still in progress (graded on their saved answers, as the time limit does), records each
    /// member as completed or missing, tells each member their result and each team's leads the summary. Returns (members, completed).
    /// </summary>
    public async Task<(int Members, int Completed)> CloseAsync(CycleRunContext run, ContentItem? quiz, CancellationToken ct)
    {
        foreach (var member in (await MembersAsync(run.RunId, null, ct)).Where(m => m.InProgress))
        {
            var open = await OpenAttemptsAsync(member.Assignment, ct);
            foreach (var id in open) await attempts.SubmitAsync(id, member.Assignment.UserId, ct);
        }
        var members = await MembersAsync(run.RunId, null, ct);
        var now = Now;
        var tracked = await db.Assignments.Where(a => a.RunId == run.RunId).ToListAsync(ct);
        var byUser = members.ToDictionary(m => m.Assignment.UserId, StringComparer.Ordinal);
        foreach (var a in tracked)
        {
            var counted = byUser[a.UserId].Counted;
            a.State = counted is null ? AssignmentState.Missing : AssignmentState.Completed;
            a.AttemptId = counted?.Id;
            a.Percent = counted is null ? null : QuizAttempts.Percent(counted);
            a.ClosedUtc ??= now;
        }
        using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var title = quiz?.DisplayText ?? "–";
        var key = $"cycle-run:{run.RunId}:result";
        // One call per distinct result (members with the same score get the same notice).
        foreach (var group in tracked.Where(a => a.State == AssignmentState.Completed).GroupBy(a => (a.Percent, a.AttemptId)))
            await notifications.NotifyAsync(group.Select(a => a.UserName).ToList(), new Notice(QuizRoundKind.ResultNotice,
                "Your team's quiz round {0} has closed: you scored {1}%.", [title, Format(group.Key.Percent ?? 0)],
                $"/quizzes/attempt/{group.Key.AttemptId}/result") { Key = key }, ct);
        var missing = tracked.Where(a => a.State == AssignmentState.Missing).Select(a => a.UserName).ToList();
        if (missing.Count > 0)
            await notifications.NotifyAsync(missing, new Notice(QuizRoundKind.ResultNotice,
                "Your team's quiz round {0} has closed and you did not take it.", [title], quiz is null ? null : $"/quizzes/{quiz.Slug}") { Key = key }, ct);

        var summary = await SummaryAsync(run.RunId, null, ct);
        var memberships = await teams.MembersAsync(run.TeamIds, ct);
        foreach (var team in summary.Teams)
        {
            var leads = memberships.Where(m => m.TeamId == team.Id && m.TeamRole == TeamRoles.Lead).Select(m => m.UserId).Distinct().ToList();
            if (leads.Count == 0) continue;
            var leadNames = (await users.ByIdsAsync(leads, ct)).Values.Select(u => u.UserName).ToList();
            var ofTeam = summary.Members.Where(m => m.Assignment.TeamId == team.Id).ToList();
            var finished = ofTeam.Where(m => m.Finished).ToList();
            var notTaken = ofTeam.Where(m => !m.Finished).Select(m => m.Assignment.UserName).Order(StringComparer.Ordinal).ToList();
            var mean = finished.Count == 0 ? "–" : Format(finished.Average(m => QuizAttempts.Percent(m.Counted!))) + "%";
            await notifications.NotifyAsync(leadNames, new Notice(QuizRoundKind.SummaryNotice,
                "Quiz round {0} has closed for {1}: {2} of {3} took it, mean score {4}. Not taken: {5}.",
                [title, team.Name, finished.Count.ToString(CultureInfo.InvariantCulture), ofTeam.Count.ToString(CultureInfo.InvariantCulture), mean,
                    notTaken.Count == 0 ? "–" : notTaken.Count <= 5 ? string.Join(", ", notTaken) : string.Join(", ", notTaken.Take(5)) + $" (+{notTaken.Count - 5})"],
                $"/quizzes/rounds/{run.RunId}?team={Uri.EscapeDataString(team.Id)}") { Key = $"cycle-run:{run.RunId}:summary:{team.Id}" }, ct);
        }
        return (tracked.Count, tracked.Count(a => a.State == AssignmentState.Completed));
    }

    private async Task<List<long>> OpenAttemptsAsync(QuizAssignment a, CancellationToken ct) =>
        await db.Attempts.AsNoTracking().Where(x => x.QuizItemId == a.QuizItemId && x.UserId == a.UserId && x.State == AttemptState.InProgress
            && x.StartedUtc >= a.AssignedUtc).Select(x => x.Id).ToListAsync(ct);

    // ---- read ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// The run's members (of the given teams; null: all) with the attempt that counts for each: the best finished
    /// (submitted or overdue) attempt at the round's quiz started after the assignment and before the round closed.
    /// </summary>
    public async Task<IReadOnlyList<RoundMember>> MembersAsync(long runId, IReadOnlyCollection<string>? teamIds, CancellationToken ct)
    {
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.RunId == runId && (teamIds == null || teamIds.Contains(a.TeamId)))
            .OrderBy(a => a.UserName).ToListAsync(ct);
        if (assignments.Count == 0) return [];
        var quizId = assignments[0].QuizItemId;
        var since = assignments.Min(a => a.AssignedUtc);
        var userIds = assignments.Select(a => a.UserId).ToList();
        var tried = await db.Attempts.AsNoTracking()
            .Where(x => x.QuizItemId == quizId && x.StartedUtc >= since && userIds.Contains(x.UserId) && x.State != AttemptState.Abandoned)
            .ToListAsync(ct);
        var byUser = tried.ToLookup(x => x.UserId, StringComparer.Ordinal);
        return assignments.Select(a =>
        {
            var mine = byUser[a.UserId].Where(x => x.StartedUtc >= a.AssignedUtc && (a.DueUtc == null || x.StartedUtc <= a.DueUtc)).ToList();
            var counted = mine.Where(x => x.State is AttemptState.Submitted or AttemptState.Overdue)
                .OrderByDescending(QuizAttempts.Percent).ThenBy(x => x.Id).FirstOrDefault();
            return new RoundMember(a, counted, mine.Any(x => x.State == AttemptState.InProgress));
        }).ToList();
    }

    /// <summary>The teams of a run that has assignments (null when the run assigned nobody or is not a quiz round).</summary>
    public async Task<IReadOnlyList<string>?> TeamsOfRunAsync(long runId, CancellationToken ct) =>
        await db.Assignments.AsNoTracking().Where(a => a.RunId == runId).Select(a => a.TeamId).Distinct().ToListAsync(ct) is { Count: > 0 } ids ? ids : null;

    /// <summary>Participation, mean, weakest questions and who has not taken it, for the members of <paramref name="teamIds"/> (null: every team).</summary>
    public async Task<RoundSummary> SummaryAsync(long runId, IReadOnlyCollection<string>? teamIds, CancellationToken ct)
    {
        var members = await MembersAsync(runId, teamIds, ct);
        var first = members.FirstOrDefault()?.Assignment;
        var quiz = first is null ? null : await published.ByIdAsync(first.QuizItemId);
        var ids = members.Select(m => m.Assignment.TeamId).Distinct().ToHashSet(StringComparer.Ordinal);
        var names = (await teams.AllTeamsAsync(ct)).Where(t => ids.Contains(t.Id)).ToList();
        var counted = members.Where(m => m.Finished).Select(m => m.Counted!.Id).ToList();
        var slots = counted.Count == 0 ? [] : await db.AttemptQuestions.AsNoTracking().Where(q => counted.Contains(q.AttemptId) && !q.NeedsManualGrading)
            .Select(q => new { q.QuestionItemId, q.Fraction }).ToListAsync(ct);
        var weakest = new List<RoundQuestion>();
        foreach (var g in slots.GroupBy(s => s.QuestionItemId)
                     .Select(g => (Id: g.Key, Answered: g.Count(), Share: g.Count(s => s.Fraction >= 0.999) / (double)g.Count()))
                     .OrderBy(g => g.Share).ThenBy(g => g.Id, StringComparer.Ordinal).Take(WeakestShown))
        {
            var question = await published.ByIdAsync(g.Id);
            weakest.Add(new RoundQuestion(g.Id, question?.DisplayText ?? g.Id, g.Answered, g.Share));
        }
        var closed = members.Count > 0 && members.All(m => m.Assignment.State != AssignmentState.Assigned);
        return new RoundSummary(runId, quiz, first?.DueUtc, closed, names, members, weakest);
    }

    /// <summary>The rounds the user is due to take now: assigned, not closed, not finished yet.</summary>
    public async Task<IReadOnlyList<DueRound>> DueForAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        var open = await db.Assignments.AsNoTracking()
            .Where(a => a.UserId == userId && a.State == AssignmentState.Assigned && (a.DueUtc == null || a.DueUtc > now)).ToListAsync(ct);
        if (open.Count == 0) return [];
        var quizIds = open.Select(a => a.QuizItemId).Distinct().ToList();
        var since = open.Min(a => a.AssignedUtc);
        var finished = await db.Attempts.AsNoTracking()
            .Where(x => x.UserId == userId && quizIds.Contains(x.QuizItemId) && x.StartedUtc >= since
                && (x.State == AttemptState.Submitted || x.State == AttemptState.Overdue))
            .Select(x => new { x.QuizItemId, x.StartedUtc }).ToListAsync(ct);
        return open.Where(a => !finished.Any(f => f.QuizItemId == a.QuizItemId && f.StartedUtc >= a.AssignedUtc))
            .OrderBy(a => a.DueUtc ?? DateTime.MaxValue).Select(a => new DueRound(a.RunId, a.QuizItemId, a.DueUtc)).ToList();
    }

    /// <summary>The close time in the cycle's zone, for notices (plain text: the reader's zone is not known here).</summary>
    private async Task<string?> DueTextAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.ClosesUtc is not { } closes) return null;
        var zone = await ZoneAsync(run, teams, ct);
        return TimeZoneInfo.ConvertTimeFromUtc(closes, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }

    /// <summary>The run's zone, else its first team's, else UTC.</summary>
    internal static async Task<TimeZoneInfo> ZoneAsync(CycleRunContext run, ITeamDirectory teams, CancellationToken ct)
    {
        var id = run.TimeZone ?? (await teams.TimeZonesAsync(run.TeamIds.Take(1).ToList(), ct)).Values.FirstOrDefault();
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static string Format(double percent) => Math.Round(percent, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
