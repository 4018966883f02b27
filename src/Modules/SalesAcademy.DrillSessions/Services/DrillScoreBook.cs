using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Models;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>
/// Who one person is in a session's scoring. Participants rate their own role as Self and the others as Peer; the facilitator,
/// the team's leads, trainers and administrators (not playing a role) rate as Trainer. <see cref="Closes"/>: may close and
/// reopen scoring (facilitator, leads, trainers, administrators); <see cref="Finalizes"/>: trainers and administrators.
/// </summary>
public sealed record ScoringSeat(string UserId, string? OwnRole, bool Closes, bool Finalizes)
{
    public DrillRaterKind KindFor(string rateeRole) =>
        OwnRole is null ? DrillRaterKind.Trainer : OwnRole == rateeRole ? DrillRaterKind.Self : DrillRaterKind.Peer;
}

/// <summary>One score the rater gives: null <see cref="Score"/> takes a score back.</summary>
public sealed record RatingInput(string? RoleKey, int CriterionIndex, int? Score, string? Comment);

public enum ScoringOutcome { Ok, NotFound, Invalid, Conflict }

/// <summary>What a scoring change came to; <see cref="Message"/> is an English PO msgid naming the field.</summary>
public sealed record ScoringResult(ScoringOutcome Outcome, IReadOnlyList<(string Field, string Message, object[] Args)>? Errors = null)
{
    public static readonly ScoringResult Done = new(ScoringOutcome.Ok);
    public static readonly ScoringResult NotFound = new(ScoringOutcome.NotFound);
    public static ScoringResult Invalid(string field, string message, params object[] args) => new(ScoringOutcome.Invalid, [(field, message, args)]);
    public static ScoringResult Conflict(string message) => new(ScoringOutcome.Conflict, [("status", message, [])]);
    public bool Ok => Outcome == ScoringOutcome.Ok;
}

/// <summary>A session's rubric and rated roles as the scoring pages and the API show them.</summary>
public sealed record ScoringSheet(DrillSession Session, ScoringSeat Seat, IReadOnlyList<RubricCriterion> Rubric, IReadOnlyList<string> RatedRoles,
    IReadOnlyDictionary<string, string> Players)
{
    public bool Open => Session.Status == DrillSessionStatus.Scoring && Session.FinalizedUtc is null;
    public bool Closed => Session.Status == DrillSessionStatus.Closed;
    public bool Finalized => Session.FinalizedUtc is not null;
}

/// <summary>The results once scoring has closed, with each rater's and the finaliser's display name.</summary>
public sealed record ScoringResults(ScoringSheet Sheet, SessionResults Results, string? FinalizedBy);

/// <summary>One finalised session in someone's (or a team's) history, oldest first.</summary>
public sealed record HistoryPoint(long SessionId, string Title, DateTime ScheduledUtc, DateTime FinalizedUtc, double? TeamScore,
    IReadOnlyDictionary<string, (string Role, double? Score)> ByPlayer);

/// <summary>
/// The one writer of drill ratings and of closing, reopening and finalising scoring (pages and API). While scoring is open a
/// rater reads and writes only their own ratings; nothing shows another rater's scores, comments or any aggregate until it
/// closes. Each change bumps the session's <see cref="DrillSession.Sequence"/> (a concurrency token), so a rating saved as
/// scoring closes is either in before the close or refused after it.
/// </summary>
public sealed class DrillScoreBook(DrillSessionsDbContext db, DrillSessionAccess access, IUserDirectory users, IAuthorizationService authorization,
    IAuditLog audit, DatabaseWriteGate writes, TimeProvider clock)
{
    public const int MaxComment = 2000;
    public const int MaxNote = 4000;

    /// <summary>The caller's seat; null when the session does not exist or is not theirs to see (404).</summary>
    public async Task<ScoringSheet?> SheetAsync(ClaimsPrincipal user, long sessionId, CancellationToken ct = default)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        return session is null ? null : await SheetAsync(user, session, ct);
    }

    private async Task<ScoringSheet?> SheetAsync(ClaimsPrincipal user, DrillSession session, CancellationToken ct)
    {
        var participants = await db.Participants.AsNoTracking().Where(p => p.SessionId == session.Id).ToListAsync(ct);
        if (await access.ViewerAsync(user, session, participants) is not { } viewer) return null;
        var trainer = await authorization.HasPermissionAsync(user, DrillSessionAccess.ViewAllTeams);
        var drill = DrillSessionBook.DrillOf(session);
        var played = participants.ToDictionary(p => p.RoleKey, p => p.UserId, StringComparer.Ordinal);
        // The roles somebody played, in the drill's order; the customer is a rater, never rated.
        var rated = drill.Roles.Select(r => r.Role).Where(r => r != DrillParticipant.CustomerRole && played.ContainsKey(r)).Distinct().ToList();
        return new ScoringSheet(session, new ScoringSeat(viewer.UserId, viewer.RoleKey, viewer.Runs, trainer), drill.Rubric, rated, played);
    }

    /// <summary>The caller's own ratings of the session (never anyone else's).</summary>
    public async Task<IReadOnlyList<DrillRating>> MineAsync(ScoringSheet sheet, CancellationToken ct = default) =>
        await db.Ratings.AsNoTracking().Where(r => r.SessionId == sheet.Session.Id && r.RaterUserId == sheet.Seat.UserId)
            .OrderBy(r => r.RateeRoleKey).ThenBy(r => r.CriterionIndex).ToListAsync(ct);

    /// <summary>How many people have rated so far (a count only, for the facilitator deciding when to close).</summary>
    public async Task<int> RaterCountAsync(long sessionId, CancellationToken ct = default) =>
        await db.Ratings.Where(r => r.SessionId == sessionId).Select(r => r.RaterUserId).Distinct().CountAsync(ct);

    /// <summary>
    /// Saves the caller's ratings: each given (role, criterion) is set, changed, or taken back (null score). All or nothing:
    /// one refused field saves none and says which.
    /// </summary>
    public async Task<ScoringResult> RateAsync(ClaimsPrincipal user, long sessionId, IReadOnlyList<RatingInput> inputs, CancellationToken ct = default)
    {
        return await writes.ChangeAsync(db, async () =>
        {
            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null || await SheetAsync(user, session, ct) is not { } sheet) return Change.Stop(ScoringResult.NotFound);
            if (!sheet.Open) return Change.Stop(ScoringResult.Conflict(sheet.Finalized ? "The scores are final: ratings can no longer change." : "Scoring is not open."));
            var errors = Check(sheet, inputs).ToList();
            if (errors.Count > 0) return Change.Stop(new ScoringResult(ScoringOutcome.Invalid, errors));
            var now = clock.GetUtcNow().UtcDateTime;
            var mine = await db.Ratings.Where(r => r.SessionId == sessionId && r.RaterUserId == sheet.Seat.UserId).ToListAsync(ct);
            foreach (var input in inputs)
            {
                var existing = mine.FirstOrDefault(r => r.RateeRoleKey == input.RoleKey && r.CriterionIndex == input.CriterionIndex);
                var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
                if (input.Score is not { } score)
                {
                    if (existing is not null) db.Ratings.Remove(existing);
                    continue;
                }
                if (existing is null)
                {
                    existing = new DrillRating { SessionId = sessionId, RaterUserId = sheet.Seat.UserId, RateeRoleKey = input.RoleKey!,
                        CriterionIndex = input.CriterionIndex, CreatedUtc = now };
                    db.Ratings.Add(existing);
                    mine.Add(existing);
                }
                else if (existing.Score == score && existing.Comment == comment) continue;
                existing.RaterKind = sheet.Seat.KindFor(input.RoleKey!);
                existing.Score = score;
                existing.Comment = comment;
                existing.UpdatedUtc = now;
            }
            session.Sequence++;
            return Change.Save(ScoringResult.Done);
        }, ct, alsoRetry: _ => true); // the session moved on, or a second tab saved the same score first: look again
    }

    private static IEnumerable<(string Field, string Message, object[] Args)> Check(ScoringSheet sheet, IReadOnlyList<RatingInput> inputs)
    {
        if (inputs.Count == 0) yield return ("ratings", "Ratings: give at least one score.", []);
        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"ratings[{i}]";
            if (input.RoleKey is null || !sheet.RatedRoles.Contains(input.RoleKey))
                yield return ($"{field}.roleKey", "Role: '{0}' is not a role played in this session.", [input.RoleKey ?? ""]);
            else if (input.CriterionIndex < 0 || input.CriterionIndex >= sheet.Rubric.Count)
                yield return ($"{field}.criterionIndex", "Criterion: must be between {0} and {1}.", [0, sheet.Rubric.Count - 1]);
            else if (!seen.Add((input.RoleKey, input.CriterionIndex)))
                yield return (field, "Rating: the same role and criterion twice.", []);
            if (input.Score is { } s && s is < DrillScoring.MinScore or > DrillScoring.MaxScore)
                yield return ($"{field}.score", "Score: must be between {0} and {1}.", [DrillScoring.MinScore, DrillScoring.MaxScore]);
            if (input.Score is null && !string.IsNullOrWhiteSpace(input.Comment))
                yield return ($"{field}.score", "Score: choose a score to go with the comment.", []);
            if (input.Comment is { Length: > MaxComment })
                yield return ($"{field}.comment", "Comment: at most {0} characters.", [MaxComment]);
        }
    }

    /// <summary>Closes scoring (Scoring to Closed): the results appear. The facilitator, the team's leads, trainers, administrators.</summary>
    public Task<ScoringResult> CloseAsync(ClaimsPrincipal user, long sessionId, CancellationToken ct = default) =>
        ChangeAsync(user, sessionId, (sheet, session) =>
        {
            if (!sheet.Seat.Closes) return ScoringResult.NotFound;
            if (session.Status != DrillSessionStatus.Scoring) return ScoringResult.Conflict("Scoring is not open.");
            session.Status = DrillSessionStatus.Closed;
            session.ScoringClosedUtc = clock.GetUtcNow().UtcDateTime;
            return ScoringResult.Done;
        }, "drillsession.scoring.close", null, ct);

    /// <summary>Opens scoring again after a close, until the scores are final (raters may correct a score after the debrief).</summary>
    public Task<ScoringResult> ReopenAsync(ClaimsPrincipal user, long sessionId, CancellationToken ct = default) =>
        ChangeAsync(user, sessionId, (sheet, session) =>
        {
            if (!sheet.Seat.Closes) return ScoringResult.NotFound;
            if (session.Status != DrillSessionStatus.Closed || session.FinalizedUtc is not null)
                return ScoringResult.Conflict(session.FinalizedUtc is null ? "Scoring is not closed." : "The scores are final: ratings can no longer change.");
            session.Status = DrillSessionStatus.Scoring;
            session.ScoringClosedUtc = null;
            return ScoringResult.Done;
        }, "drillsession.scoring.reopen", null, ct);

    /// <summary>Makes the closed results final with a note (trainers and administrators); audited; the ratings are read-only from then on.</summary>
    public Task<ScoringResult> FinalizeAsync(ClaimsPrincipal user, long sessionId, string? note, CancellationToken ct = default)
    {
        note = note?.Trim();
        return ChangeAsync(user, sessionId, (sheet, session) =>
        {
            if (!sheet.Seat.Finalizes) return ScoringResult.NotFound;
            if (session.FinalizedUtc is not null) return ScoringResult.Conflict("The scores are final already.");
            if (session.Status != DrillSessionStatus.Closed) return ScoringResult.Conflict("Scoring is not closed.");
            if (string.IsNullOrEmpty(note)) return ScoringResult.Invalid("note", "Note: write what the scores mean for the team.");
            if (note.Length > MaxNote) return ScoringResult.Invalid("note", "Note: at most {0} characters.", MaxNote);
            session.FinalizedUtc = clock.GetUtcNow().UtcDateTime;
            session.FinalizedByUserId = sheet.Seat.UserId;
            session.FinalNote = note;
            return ScoringResult.Done;
        }, "drillsession.finalize", $"note: {note}", ct);
    }

    private async Task<ScoringResult> ChangeAsync(ClaimsPrincipal user, long sessionId, Func<ScoringSheet, DrillSession, ScoringResult> change,
        string action, string? details, CancellationToken ct)
    {
        var result = await writes.ChangeAsync(db, async () =>
        {
            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null || await SheetAsync(user, session, ct) is not { } sheet) return Change.Stop(ScoringResult.NotFound);
            var outcome = change(sheet, session);
            if (!outcome.Ok) return Change.Stop(outcome);
            session.Sequence++;
            return Change.Save(outcome);
        }, ct);
        if (result.Ok) await audit.RecordAsync(action, $"drill-session:{sessionId}", details, ct: ct);
        return result;
    }

    /// <summary>The results, only once scoring has closed: null while it is open (the caller answers "not yet", never figures).</summary>
    public async Task<ScoringResults?> ResultsAsync(ScoringSheet sheet, CancellationToken ct = default)
    {
        if (!sheet.Closed) return null;
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.SessionId == sheet.Session.Id).ToListAsync(ct);
        var ids = ratings.Select(r => r.RaterUserId).Append(sheet.Session.FinalizedByUserId).OfType<string>().Distinct().ToList();
        var names = await users.ByIdsAsync(ids, ct);
        string Name(string id) => names.TryGetValue(id, out var u) ? u.DisplayName : id;
        var results = DrillScoring.Compute(sheet.RatedRoles, sheet.Rubric.Select(c => new RubricWeight(c.Criterion, c.Weight)).ToList(),
            ratings.Select(r => new RatingScore(r.RaterUserId, Name(r.RaterUserId), r.RaterKind, r.RateeRoleKey, r.CriterionIndex, r.Score, r.Comment)));
        return new ScoringResults(sheet, results, sheet.Session.FinalizedByUserId is { } by ? Name(by) : null);
    }

    /// <summary>May the reader see this team's drill history: its leads, trainers and administrators.</summary>
    public async Task<bool> MaySeeTeamHistoryAsync(ClaimsPrincipal user, string teamId) =>
        user.UserId() is { Length: > 0 } me && await access.LeadsAsync(user, me, teamId);

    /// <summary>The finalised sessions one person played a rated role in, oldest first, with their role's score and the team's.</summary>
    public async Task<IReadOnlyList<HistoryPoint>> RepHistoryAsync(string userId, CancellationToken ct = default)
    {
        var ids = await db.Participants.AsNoTracking().Where(p => p.UserId == userId && p.RoleKey != DrillParticipant.CustomerRole)
            .Select(p => p.SessionId).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Id) && s.FinalizedUtc != null).ToListAsync(ct);
        return await HistoryAsync(sessions, ct);
    }

    /// <summary>The team's finalised sessions, oldest first: the team score and each player's role score.</summary>
    public async Task<IReadOnlyList<HistoryPoint>> TeamHistoryAsync(string teamId, CancellationToken ct = default)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.TeamId == teamId && s.FinalizedUtc != null).ToListAsync(ct);
        return await HistoryAsync(sessions, ct);
    }

    private async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(List<DrillSession> sessions, CancellationToken ct)
    {
        sessions = sessions.OrderBy(s => s.ScheduledUtc).ThenBy(s => s.Id).TakeLast(50).ToList();
        var ids = sessions.Select(s => s.Id).ToList();
        var participants = (await db.Participants.AsNoTracking().Where(p => ids.Contains(p.SessionId)).ToListAsync(ct)).ToLookup(p => p.SessionId);
        var ratings = (await db.Ratings.AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToListAsync(ct)).ToLookup(r => r.SessionId);
        return sessions.Select(s =>
        {
            var drill = DrillSessionBook.DrillOf(s);
            var played = participants[s.Id].Where(p => p.RoleKey != DrillParticipant.CustomerRole).ToList();
            var roles = drill.Roles.Select(r => r.Role).Where(r => played.Any(p => p.RoleKey == r)).Distinct().ToList();
            var results = DrillScoring.Compute(roles, drill.Rubric.Select(c => new RubricWeight(c.Criterion, c.Weight)).ToList(),
                ratings[s.Id].Select(r => new RatingScore(r.RaterUserId, "", r.RaterKind, r.RateeRoleKey, r.CriterionIndex, r.Score, null)));
            var byPlayer = played.Where(p => roles.Contains(p.RoleKey))
                .ToDictionary(p => p.UserId, p => (p.RoleKey, results.Roles.First(r => r.RoleKey == p.RoleKey).Score), StringComparer.Ordinal);
            return new HistoryPoint(s.Id, s.Title, s.ScheduledUtc, s.FinalizedUtc!.Value, results.TeamScore, byPlayer);
        }).ToList();
    }
}
