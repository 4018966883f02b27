using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills;
using SalesAcademy.Drills.Models;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Models;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>A session as it is scheduled: the team, the drill (id or slug), when, who facilitates, and who plays which role.</summary>
public sealed record SessionDraft(string? TeamId, string? Drill, DateTime? ScheduledUtc, string? FacilitatorUserId = null,
    IReadOnlyDictionary<string, string>? Roles = null);

/// <summary>A session with its people, as one viewer may see it.</summary>
public sealed record SessionView(DrillSession Session, DrillPart Drill, IReadOnlyList<DrillParticipant> Participants, DrillViewer Viewer)
{
    /// <summary>The roles of the session: the drill's, plus "Customer" when the drill has none of that name.</summary>
    public IReadOnlyList<string> Roles => DrillSessionBook.RolesOf(Drill);

    /// <summary>The brief of a role the viewer may read (their own; every one for the facilitator, leads, trainers); null otherwise.</summary>
    public string? BriefFor(string role) =>
        Viewer.SeesAllBriefs || Viewer.RoleKey == role ? Drill.Roles.FirstOrDefault(r => r.Role == role)?.Brief : null;

    /// <summary>When the current step's time box ends (server clock, UTC); null when no step runs.</summary>
    public DateTime? StepEndsUtc => DrillSessionBook.StepEnds(Session, Drill);
}

/// <summary>
/// The one writer of drill sessions, shared by the pages, the API and the drill cycle kind: scheduling (pinning the drill's
/// published version), roles, the step machine, and submissions. Every accepted change bumps the session's
/// <see cref="DrillSession.Sequence"/> (a concurrency token), so two facilitators clicking at once move it one step.
/// </summary>
public sealed class DrillSessionBook(DrillSessionsDbContext db, DrillSessionAccess access, PublishedContent published, AttachmentStore files,
    IAuditLog audit, IUserNotifications notifications, ITeamDirectory teams, IUserDirectory users, DatabaseWriteGate writes, TimeProvider clock)
{
    public const string AssignedNotice = "drillsession.assigned";
    public const int MaxSubmissionsPerStep = 20;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static IReadOnlyList<string> RolesOf(DrillPart drill) =>
        [.. drill.Roles.Select(r => r.Role).Distinct(StringComparer.Ordinal),
            .. drill.Roles.Any(r => r.Role == DrillParticipant.CustomerRole) ? Array.Empty<string>() : [DrillParticipant.CustomerRole]];

    public static DrillPart DrillOf(DrillSession session) => JsonSerializer.Deserialize<DrillPart>(session.DrillJson) ?? new DrillPart();

    public static DateTime? StepEnds(DrillSession session, DrillPart drill) =>
        session is { Status: DrillSessionStatus.Running, CurrentStep: { } step, StepStartedUtc: { } started } && step < drill.Steps.Count
            ? started.AddMinutes(drill.Steps[step].Minutes) : null;

    // ---- reading ---------------------------------------------------------------------------------------------------

    /// <summary>The session as this person may see it; null when it does not exist or is not theirs to see.</summary>
    public async Task<SessionView?> FindAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return null;
        var participants = await db.Participants.AsNoTracking().Where(p => p.SessionId == id).OrderBy(p => p.Id).ToListAsync(ct);
        if (await access.ViewerAsync(user, session, participants) is not { } viewer) return null;
        return new SessionView(session, DrillOf(session), participants, viewer);
    }

    /// <summary>The sessions the user sees: those they play in or facilitate, and every session of the teams they lead; soonest first.</summary>
    public async Task<IReadOnlyList<DrillSession>> ListAsync(ClaimsPrincipal user, string? teamId = null, CancellationToken ct = default)
    {
        if (user.UserId() is not { Length: > 0 } me) return [];
        var led = (await access.LedTeamsAsync(user, me, ct)).Select(t => t.Id).ToList();
        var mine = db.Participants.Where(p => p.UserId == me).Select(p => p.SessionId);
        var query = db.Sessions.AsNoTracking().Where(s => led.Contains(s.TeamId) || s.FacilitatorUserId == me || mine.Contains(s.Id));
        if (teamId is not null) query = query.Where(s => s.TeamId == teamId);
        return await query.OrderByDescending(s => s.ScheduledUtc).ThenByDescending(s => s.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>The submissions the viewer may see: their own; everyone's for steps that are over; every one for those who run it.</summary>
    public async Task<IReadOnlyList<(DrillSubmission Submission, DrillAttachment? Attachment)>> SubmissionsAsync(SessionView view, CancellationToken ct = default)
    {
        var all = await db.Submissions.AsNoTracking().Where(s => s.SessionId == view.Session.Id).OrderBy(s => s.StepIndex).ThenBy(s => s.Id).ToListAsync(ct);
        var visible = all.Where(s => MaySee(view, s)).ToList();
        var ids = visible.Where(s => s.AttachmentId is not null).Select(s => s.AttachmentId!.Value).ToList();
        var attachments = await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return visible.Select(s => (s, s.AttachmentId is { } a ? attachments.GetValueOrDefault(a) : null)).ToList();
    }

    public static bool MaySee(SessionView view, DrillSubmission submission) =>
        view.Viewer.Runs || submission.UserId == view.Viewer.UserId || StepIsOver(view.Session, submission.StepIndex);

    public static bool StepIsOver(DrillSession session, int step) =>
        session.Status is DrillSessionStatus.Scoring or DrillSessionStatus.Closed || (session.CurrentStep is { } current && step < current);

    /// <summary>An attachment the viewer may download (it belongs to a submission they may see); null otherwise.</summary>
    public async Task<(DrillAttachment Attachment, string Path)?> AttachmentAsync(ClaimsPrincipal user, long id, long attachmentId, CancellationToken ct = default)
    {
        if (await FindAsync(user, id, ct) is not { } view) return null;
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.SessionId == id && s.AttachmentId == attachmentId, ct);
        if (submission is null || !MaySee(view, submission)) return null;
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.SessionId == id, ct);
        if (attachment is null || files.PathOf(attachment) is not { } path || !File.Exists(path)) return null;
        return (attachment, path);
    }

    /// <summary>The people who may play or facilitate: the team's members and leads (and, as the customer, trainers).</summary>
    public async Task<IReadOnlyList<DirectoryUser>> CandidatesAsync(string teamId, bool withTrainers, CancellationToken ct = default)
    {
        var ids = (await teams.MemberIdsAsync([teamId])).ToHashSet(StringComparer.Ordinal);
        var people = (await users.ByIdsAsync(ids, ct)).Values.ToList();
        if (withTrainers)
        {
            var trainerNames = await users.UsersWithPermissionAsync(DrillSessionAccess.ViewAllTeams, ct);
            foreach (var name in trainerNames)
                if (await users.FindByEmailAsync(name, ct) is { } trainer && people.All(p => p.Id != trainer.Id)) people.Add(trainer);
        }
        return people.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public async Task<ContentItem?> PublishedDrillAsync(string? idOrSlug)
    {
        if (string.IsNullOrWhiteSpace(idOrSlug)) return null;
        var item = await published.ByIdAsync(idOrSlug) ?? await published.BySlugAsync(DrillsModule.ContentType, idOrSlug);
        return item?.ContentType == DrillsModule.ContentType ? item : null;
    }

    public async Task<IReadOnlyList<ContentItem>> PublishedDrillsAsync() =>
        (await published.ListAsync(DrillsModule.ContentType)).OrderBy(d => d.DisplayText, StringComparer.CurrentCulture).ToList();

    // ---- scheduling ------------------------------------------------------------------------------------------------

    /// <summary>Schedules a session by hand: the scheduler must lead the team (or see every team) and hold drillsessions.schedule.</summary>
    public async Task<DrillResult> ScheduleAsync(ClaimsPrincipal user, SessionDraft draft, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(draft.TeamId) || !await access.MayScheduleAsync(user, draft.TeamId))
            return DrillResult.Invalid("teamId", "Team: choose one of the teams you lead.");
        return await CreateAsync(draft, user.UserId(), null, ct);
    }

    /// <summary>Schedules the session of a cycle run (one per run, team and drill: a repeated run finds the one it made).</summary>
    public async Task<DrillResult> ScheduleForCycleAsync(long runId, SessionDraft draft, CancellationToken ct = default)
    {
        var drill = await PublishedDrillAsync(draft.Drill);
        if (drill is null) return DrillResult.Invalid("drill", "Drill: choose a published drill.");
        var existing = await db.Sessions.AsNoTracking().Where(s => s.CycleRunId == runId && s.TeamId == draft.TeamId && s.DrillContentItemId == drill.ContentItemId)
            .Select(s => s.Id).FirstOrDefaultAsync(ct);
        if (existing != 0) return DrillResult.Done(existing);
        return await CreateAsync(draft, null, runId, ct);
    }

    private async Task<DrillResult> CreateAsync(SessionDraft draft, string? scheduler, long? runId, CancellationToken ct)
    {
        var item = await PublishedDrillAsync(draft.Drill);
        if (item is null) return DrillResult.Invalid("drill", "Drill: choose a published drill.");
        if (draft.ScheduledUtc is not { } when) return DrillResult.Invalid("scheduledUtc", "Date and time: choose when the session takes place.");
        var part = item.As<DrillPart>();
        var check = await CheckPeopleAsync(draft.TeamId!, part, draft.FacilitatorUserId, draft.Roles ?? new Dictionary<string, string>(), ct);
        if (check is not null) return check;
        var session = new DrillSession
        {
            TeamId = draft.TeamId!, DrillContentItemId = item.ContentItemId, DrillVersion = item.ContentItemVersionId, DrillJson = JsonSerializer.Serialize(part),
            DrillSlug = item.Slug, DrillCulture = item.Culture, Title = item.DisplayText.Length > 200 ? item.DisplayText[..200] : item.DisplayText,
            ScheduledUtc = DateTime.SpecifyKind(when, DateTimeKind.Utc), FacilitatorUserId = Blank(draft.FacilitatorUserId), CreatedByUserId = scheduler,
            CreatedUtc = Now, CycleRunId = runId,
        };
        db.Sessions.Add(session);
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (runId is not null)
        {
            // The same run scheduled it meanwhile (a duplicate fire): that one stands.
            db.ChangeTracker.Clear();
            return DrillResult.Done(await db.Sessions.Where(s => s.CycleRunId == runId && s.TeamId == session.TeamId && s.DrillContentItemId == item.ContentItemId)
                .Select(s => s.Id).FirstAsync(ct));
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync("drillsession.schedule", $"drillsession:{session.Id}", $"team {session.TeamId}, drill {item.Slug} ({item.ContentItemVersionId})", ct: ct);
        if (draft.Roles is { Count: > 0 } || session.FacilitatorUserId is not null)
        {
            var result = await SetPeopleAsync(session.Id, session.FacilitatorUserId, draft.Roles ?? new Dictionary<string, string>(), ct);
            if (!result.Ok) return result;
        }
        return DrillResult.Done(session.Id);
    }

    /// <summary>
    /// Sets the facilitator and who plays which role (the whole set: a role left out is unassigned). Only those who run the
    /// session, before it is being scored. Newly assigned people are told.
    /// </summary>
    public async Task<DrillResult> AssignAsync(ClaimsPrincipal user, long id, string? facilitatorUserId, IReadOnlyDictionary<string, string> roles,
        CancellationToken ct = default)
    {
        if (await FindAsync(user, id, ct) is not { } view) return DrillResult.NotFound;
        // The facilitator may re-assign roles; choosing who facilitates is for the team's leads, trainers and administrators.
        if (!view.Viewer.Runs) return DrillResult.NotFound;
        if (!view.Viewer.Leads && Blank(facilitatorUserId) != view.Session.FacilitatorUserId)
            return DrillResult.Invalid("facilitatorUserId", "Facilitator: only the team's leads and trainers choose who facilitates.");
        if (view.Session.Status is DrillSessionStatus.Scoring or DrillSessionStatus.Closed)
            return DrillResult.Invalid("roles", "Roles: the session is being scored; roles can no longer change.");
        var check = await CheckPeopleAsync(view.Session.TeamId, view.Drill, facilitatorUserId, roles, ct);
        if (check is not null) return check;
        return await SetPeopleAsync(id, Blank(facilitatorUserId), roles, ct);
    }

    private async Task<DrillResult?> CheckPeopleAsync(string teamId, DrillPart drill, string? facilitator, IReadOnlyDictionary<string, string> roles,
        CancellationToken ct)
    {
        var known = RolesOf(drill);
        var members = (await CandidatesAsync(teamId, withTrainers: false, ct)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        HashSet<string>? trainers = null;
        async Task<bool> IsTrainerAsync(string userId)
        {
            trainers ??= (await CandidatesAsync(teamId, withTrainers: true, ct)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            return trainers.Contains(userId);
        }
        if (Blank(facilitator) is { } f && !members.Contains(f) && !await IsTrainerAsync(f))
            return DrillResult.Invalid("facilitatorUserId", "Facilitator: choose a member of the team or a trainer.");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, userId) in roles.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (Blank(userId) is not { } person) continue;
            if (!known.Contains(role)) return DrillResult.Invalid($"roles.{role}", "Roles: {0} is not a role of this drill.", role);
            var allowed = members.Contains(person) || (role == DrillParticipant.CustomerRole && await IsTrainerAsync(person));
            if (!allowed)
                return DrillResult.Invalid($"roles.{role}", role == DrillParticipant.CustomerRole
                    ? "Roles: the customer is played by a member of the team or a trainer." : "Roles: {0} is played by a member of the team.", role);
            if (seen.TryGetValue(person, out var other)) return DrillResult.Invalid($"roles.{role}", "Roles: one person plays one role ({0} and {1}).", other, role);
            seen[person] = role;
        }
        return null;
    }

    private async Task<DrillResult> SetPeopleAsync(long id, string? facilitator, IReadOnlyDictionary<string, string> roles, CancellationToken ct)
    {
        var wanted = roles.Where(r => Blank(r.Value) is not null).ToDictionary(r => r.Key, r => r.Value.Trim(), StringComparer.Ordinal);
        var added = new List<(string UserId, string Role)>();
        string? newFacilitator = null;
        await writes.ChangeAsync(db, async () =>
        {
            added.Clear();
            var session = await db.Sessions.FirstAsync(s => s.Id == id, ct);
            var current = await db.Participants.Where(p => p.SessionId == id).ToListAsync(ct);
            db.Participants.RemoveRange(current.Where(p => wanted.GetValueOrDefault(p.RoleKey) != p.UserId));
            foreach (var (role, userId) in wanted.Where(w => !current.Any(p => p.RoleKey == w.Key && p.UserId == w.Value)))
            {
                db.Participants.Add(new DrillParticipant { SessionId = id, RoleKey = role, UserId = userId });
                added.Add((userId, role));
            }
            newFacilitator = facilitator is not null && facilitator != session.FacilitatorUserId ? facilitator : null;
            session.FacilitatorUserId = facilitator;
            session.Sequence++;
            return Change.Save(true);
        }, ct, save: async () =>
        {
            // Removals first: a person moving from one role to another must not meet the unique index twice.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var adds = db.ChangeTracker.Entries<DrillParticipant>().Where(e => e.State == EntityState.Added).ToList();
            foreach (var entry in adds) entry.State = EntityState.Detached;
            await db.SaveChangesAsync(ct);
            foreach (var entry in adds) db.Participants.Add(entry.Entity);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        var title = await db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => s.Title).FirstAsync(ct);
        await audit.RecordAsync("drillsession.roles", $"drillsession:{id}", string.Join(", ", wanted.Select(w => w.Key)), ct: ct);
        var told = added.Select(a => a.UserId).Concat(newFacilitator is null ? [] : [newFacilitator]).Distinct().ToList();
        if (told.Count > 0)
        {
            var people = await users.ByIdsAsync(told, ct);
            foreach (var (userId, role) in added)
                if (people.GetValueOrDefault(userId) is { } person)
                    await notifications.NotifyAsync([person.UserName], new Notice(AssignedNotice, "You play {0} in the drill session {1}", [role, title],
                        $"/drill-sessions/{id}") { Key = $"drillsession:{id}:role:{role}:{userId}" }, ct);
            if (newFacilitator is not null && people.GetValueOrDefault(newFacilitator) is { } facilitatorUser)
                await notifications.NotifyAsync([facilitatorUser.UserName], new Notice(AssignedNotice, "You facilitate the drill session {0}", [title],
                    $"/drill-sessions/{id}") { Key = $"drillsession:{id}:facilitator:{newFacilitator}" }, ct);
        }
        return DrillResult.Done(id);
    }

    // ---- steps -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Moves the session to step <paramref name="to"/> (0-based), which must be the one after the current one (starting: 0);
    /// the step count moves it on to scoring. Two facilitators clicking at once move it one step.
    /// </summary>
    public Task<DrillResult> MoveAsync(ClaimsPrincipal user, long id, int to, CancellationToken ct = default) =>
        ChangeAsync(user, id, runsOnly: true, (session, drill, viewer) =>
        {
            var next = session.Status switch
            {
                DrillSessionStatus.Scheduled => 0,
                DrillSessionStatus.Running => (session.CurrentStep ?? -1) + 1,
                _ => -1,
            };
            if (next < 0) return Task.FromResult(DrillResult.Invalid("step", "Step: the steps are over."));
            if (to != next) return Task.FromResult(DrillResult.Invalid("step", "Step: the session is not at the step before this one (reload the page)."));
            if (to >= drill.Steps.Count)
            {
                session.Status = DrillSessionStatus.Scoring;
                session.CurrentStep = null;
                session.StepStartedUtc = null;
            }
            else
            {
                session.Status = DrillSessionStatus.Running;
                session.CurrentStep = to;
                session.StepStartedUtc = Now;
            }
            return Task.FromResult(DrillResult.Done());
        }, audited: s => ("drillsession.step", s.Status == DrillSessionStatus.Scoring ? "scoring" : $"step {s.CurrentStep}"), ct);

    // ---- submissions -----------------------------------------------------------------------------------------------

    /// <summary>Text or a link to a recording (http or https) for the current step, by someone who plays a role.</summary>
    public Task<DrillResult> SubmitAsync(ClaimsPrincipal user, long id, int step, DrillSubmissionKind kind, string? text, string? url,
        CancellationToken ct = default) =>
        ChangeAsync(user, id, runsOnly: false, async (session, drill, viewer) =>
        {
            if (await CheckSubmissionAsync(session, viewer, step, ct) is { } refused) return refused;
            var submission = new DrillSubmission { SessionId = id, StepIndex = step, UserId = viewer.UserId, RoleKey = viewer.RoleKey!, Kind = kind, CreatedUtc = Now };
            if (kind == DrillSubmissionKind.Text)
            {
                if (string.IsNullOrWhiteSpace(text)) return DrillResult.Invalid("text", "Text: write something.");
                if (text.Length > 10_000) return DrillResult.Invalid("text", "Text: at most {0} characters.", "10000");
                submission.Text = text.Trim();
            }
            else if (kind == DrillSubmissionKind.Link)
            {
                if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https") || link.Host.Length == 0)
                    return DrillResult.Invalid("url", "Link: an http or https address of the recording.");
                if (link.OriginalString.Length > 2000) return DrillResult.Invalid("url", "Link: at most {0} characters.", "2000");
                submission.Url = link.AbsoluteUri;
                submission.Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 500)];
            }
            else return DrillResult.Invalid("kind", "Kind: text, link or attachment.");
            db.Submissions.Add(submission);
            return DrillResult.Done();
        }, audited: null, ct, idOf: () => db.ChangeTracker.Entries<DrillSubmission>().Select(e => e.Entity.Id).LastOrDefault());

    /// <summary>An uploaded file for the current step: checked (name, size, bytes), written under the session's folder, then recorded.</summary>
    public async Task<DrillResult> SubmitFileAsync(ClaimsPrincipal user, long id, int step, IncomingFile file, CancellationToken ct = default)
    {
        if (await FindAsync(user, id, ct) is not { } view) return DrillResult.NotFound;
        if (await CheckSubmissionAsync(view.Session, view.Viewer, step, ct) is { } refused) return refused;
        var (checkedFile, problem) = await files.CheckAsync(file, ct);
        if (problem is not null) return problem;
        var attachment = await files.WriteAsync(id, checkedFile!, view.Viewer.UserId, Now, ct);
        var saved = false;
        try
        {
            var result = await ChangeAsync(user, id, runsOnly: false, async (session, drill, viewer) =>
            {
                if (await CheckSubmissionAsync(session, viewer, step, ct) is { } late) return late;
                db.Attachments.Add(attachment);
                await db.SaveChangesAsync(ct); // the attachment's id, inside the same write
                db.Submissions.Add(new DrillSubmission
                {
                    SessionId = id, StepIndex = step, UserId = viewer.UserId, RoleKey = viewer.RoleKey!, Kind = DrillSubmissionKind.Attachment,
                    AttachmentId = attachment.Id, CreatedUtc = Now,
                });
                return DrillResult.Done(attachment.Id);
            }, audited: s => ("drillsession.attachment", $"step {step}: {attachment.MediaType}, {attachment.Bytes} bytes, sha256 {attachment.Sha256}"), ct);
            saved = result.Ok;
            return result;
        }
        finally
        {
            if (!saved) files.Delete(attachment);
        }
    }

    private async Task<DrillResult?> CheckSubmissionAsync(DrillSession session, DrillViewer viewer, int step, CancellationToken ct)
    {
        if (viewer.RoleKey is null) return DrillResult.Invalid("step", "Step: only those who play a role submit.");
        if (session.Status != DrillSessionStatus.Running || session.CurrentStep != step)
            return DrillResult.Invalid("step", "Step: submissions are for the step that is running (reload the page).");
        var count = await db.Submissions.CountAsync(s => s.SessionId == session.Id && s.StepIndex == step && s.UserId == viewer.UserId, ct);
        return count >= MaxSubmissionsPerStep ? DrillResult.Invalid("step", "Step: at most {0} submissions per step.", MaxSubmissionsPerStep.ToString()) : null;
    }

    /// <summary>
    /// Loads the session (404 when not visible, or when <paramref name="runsOnly"/> and the person does not run it), applies
    /// the change, bumps the sequence and saves; a concurrent change to the session makes it start over on fresh data, so a
    /// check the change makes (a step's submission count) always holds for what is saved.
    /// </summary>
    private async Task<DrillResult> ChangeAsync(ClaimsPrincipal user, long id, bool runsOnly, Func<DrillSession, DrillPart, DrillViewer, Task<DrillResult>> change,
        Func<DrillSession, (string Action, string? Details)>? audited, CancellationToken ct, Func<long>? idOf = null)
    {
        DrillSession? saved = null;
        long newId = 0;
        var result = await writes.ChangeAsync(db, async () =>
        {
            var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, ct);
            if (session is null) return Change.Stop(DrillResult.NotFound);
            var participants = await db.Participants.AsNoTracking().Where(p => p.SessionId == id).ToListAsync(ct);
            if (await access.ViewerAsync(user, session, participants) is not { } viewer) return Change.Stop(DrillResult.NotFound);
            if (runsOnly && !viewer.Runs) return Change.Stop(DrillResult.NotFound);
            if (session.Status == DrillSessionStatus.Closed) return Change.Stop(DrillResult.Invalid("status", "Session: it is closed."));
            var outcome = await change(session, DrillOf(session), viewer);
            if (!outcome.Ok) return Change.Stop(outcome);
            session.Sequence++;
            saved = session;
            return Change.Save(outcome);
        }, ct, save: async () =>
        {
            await db.SaveChangesAsync(ct);
            if (idOf is not null) newId = idOf();
        });
        if (!result.Ok || saved is null) return result;
        if (audited is not null)
        {
            var (action, details) = audited(saved);
            await audit.RecordAsync(action, $"drillsession:{saved.Id}", details, ct: ct);
        }
        return DrillResult.Done(result.Id != 0 ? result.Id : newId);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
