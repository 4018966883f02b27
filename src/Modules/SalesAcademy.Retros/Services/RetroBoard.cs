using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Templates;

namespace SalesAcademy.Retros.Services;

/// <summary>How a retro is started: by hand or by a cycle.</summary>
public sealed record RetroStart(string TeamId, string Template, bool Anonymous = true, int VoteBudget = 3, int MaxVotesPerGroup = 2,
    string? Title = null, string? DealName = null, string? DealOutcome = null, string? DealRoles = null);

/// <summary>A new action as the facilitator writes it.</summary>
public sealed record RetroActionInput(string? Text, string? OwnerUserId, DateOnly? Due, string? LinkedContentItemId = null, string? LinkedAnchor = null,
    bool IsFocus = false);

/// <summary>
/// The one writer of retrospectives, shared by the pages, the API and the cycle kind. Every accepted change bumps the retro's
/// <see cref="Retro.Sequence"/> (a concurrency token), so two changes at once are serialised: the vote budget and the
/// per-group maximum hold however fast someone clicks. Anonymous cards never carry their author: only, during reflect, an
/// HMAC of the author's id under a per-retro secret, and both tag and secret are erased when reflect closes.
/// Nothing about a card's author is logged or audited.
/// </summary>
public sealed class RetroBoard(RetrosDbContext db, RetroAccess access, PublishedContent published, ContentDefinitions definitions, IAuditLog audit,
    IUserNotifications notifications, ITeamDirectory teams, IUserDirectory users, DatabaseWriteGate writes, TimeProvider clock)
{
    public const string StartNotice = "retro.start";
    public const int MaxCardsPerPerson = 30;
    public static readonly string[] LinkableTypes = ["Playbook", "Drill", "CaseStudy", "Question"];

    /// <summary>The retro and what the person may do in it; null when it does not exist or is not theirs to see.</summary>
    public async Task<(Retro Retro, RetroViewer Viewer)?> FindAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
    {
        var retro = await db.Retros.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (retro is null || await access.ViewerAsync(user, retro) is not { } viewer) return null;
        return (retro, viewer);
    }

    /// <summary>The retros of these teams, newest first.</summary>
    public async Task<IReadOnlyList<Retro>> ListAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default) =>
        teamIds.Count == 0 ? [] : await db.Retros.AsNoTracking().Where(r => teamIds.Contains(r.TeamId)).OrderByDescending(r => r.Id).Take(200).ToListAsync(ct);

    public static IReadOnlyList<RetroPrompt> PromptsOf(Retro retro) =>
        JsonSerializer.Deserialize<List<RetroPrompt>>(retro.PromptsJson) ?? [];

    public static RetroPhase? Next(RetroPhase phase) => phase == RetroPhase.Closed ? null : phase + 1;

    // ---- start -------------------------------------------------------------------------------------------------

    /// <summary>Starts a retro by hand: the starter must lead the team (or see every team) and hold retros.facilitate.</summary>
    public async Task<RetroResult> StartAsync(ClaimsPrincipal user, RetroStart start, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(start.TeamId) || !await access.MayStartAsync(user, start.TeamId))
            return RetroResult.Invalid("team", "Team: choose one of the teams you lead.");
        return await CreateAsync(start, user.UserId(), null, ct);
    }

    /// <summary>Starts a retro for a cycle run (one per run and team: a repeated run finds the one it started).</summary>
    public async Task<RetroResult> StartForCycleAsync(long runId, RetroStart start, CancellationToken ct = default)
    {
        var existing = await db.Retros.AsNoTracking().Where(r => r.CycleRunId == runId && r.TeamId == start.TeamId).Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (existing != 0) return RetroResult.Done(existing);
        return await CreateAsync(start, null, runId, ct);
    }

    public static IEnumerable<(string Field, string Message)> Check(RetroStart start)
    {
        if (start.VoteBudget is < 1 or > 20) yield return ("voteBudget", "Votes per person: between 1 and 20.");
        if (start.MaxVotesPerGroup is < 1 or > 20) yield return ("maxVotesPerGroup", "Votes per group: between 1 and 20.");
        else if (start.MaxVotesPerGroup > start.VoteBudget) yield return ("maxVotesPerGroup", "Votes per group: at most the votes per person.");
        if (start.Title is { Length: > 200 }) yield return ("title", "Title: at most 200 characters.");
        if (start.DealName is { Length: > 200 }) yield return ("dealName", "Deal: at most 200 characters.");
        if (!string.IsNullOrEmpty(start.DealOutcome) && start.DealOutcome is not ("won" or "lost")) yield return ("dealOutcome", "Outcome: won or lost.");
        if (start.DealRoles is { Length: > 500 }) yield return ("dealRoles", "Roles: at most 500 characters.");
    }

    private async Task<RetroResult> CreateAsync(RetroStart start, string? starter, long? runId, CancellationToken ct)
    {
        if (Check(start).FirstOrDefault() is { Field: not null } error) return RetroResult.Invalid(error.Field, error.Message);
        var template = await TemplateAsync(start.Template);
        if (template is null) return RetroResult.Invalid("template", "Template: choose a published retro template.");
        var part = template.As<RetroTemplatePart>();
        if (part.DealReview && string.IsNullOrWhiteSpace(start.DealName)) return RetroResult.Invalid("dealName", "Deal: name the deal this review is about.");
        if (part.DealReview && string.IsNullOrEmpty(start.DealOutcome)) return RetroResult.Invalid("dealOutcome", "Outcome: won or lost.");
        var now = clock.GetUtcNow().UtcDateTime;
        var prompts = part.Prompts.Select(p => new RetroPrompt(p.Key, p.TitleZh, p.TitleEn, p.DescriptionZh, p.DescriptionEn)).ToList();
        var title = string.IsNullOrWhiteSpace(start.Title)
            ? (part.DealReview ? $"{template.DisplayText}: {start.DealName!.Trim()}" : $"{template.DisplayText} {now:yyyy-MM-dd}")
            : start.Title.Trim();
        var retro = new Retro
        {
            TeamId = start.TeamId, Title = title.Length > 200 ? title[..200] : title, TemplateItemId = template.ContentItemId,
            TemplateVersionId = template.ContentItemVersionId, PromptsJson = JsonSerializer.Serialize(prompts), Anonymous = start.Anonymous,
            VoteBudget = start.VoteBudget, MaxVotesPerGroup = start.MaxVotesPerGroup, StartedByUserId = starter, CycleRunId = runId,
            DealName = part.DealReview ? start.DealName?.Trim() : null, DealOutcome = part.DealReview ? start.DealOutcome : null,
            DealRoles = part.DealReview ? start.DealRoles?.Trim() : null, CreatedUtc = now,
        };
        db.Retros.Add(retro);
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (runId is not null)
        {
            // The same run started it meanwhile (a duplicate fire): that one stands.
            db.ChangeTracker.Clear();
            return RetroResult.Done(await db.Retros.Where(r => r.CycleRunId == runId && r.TeamId == start.TeamId).Select(r => r.Id).FirstAsync(ct));
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync("retro.start", $"retro:{retro.Id}", $"team {retro.TeamId}, template {template.Slug}", ct: ct);
        var members = await teams.MemberIdsAsync([retro.TeamId]);
        var names = await users.ByIdsAsync(members, ct);
        await notifications.NotifyAsync(names.Values.Select(u => u.UserName).ToList(),
            new Notice(StartNotice, "A retrospective of your team has started: {0}", [retro.Title], $"/retros/{retro.Id}") { Key = $"retro:{retro.Id}:start" }, ct);
        return RetroResult.Done(retro.Id);
    }

    public async Task<Content.Models.ContentItem?> TemplateAsync(string? idOrSlug)
    {
        if (string.IsNullOrWhiteSpace(idOrSlug)) return null;
        var item = await published.ByIdAsync(idOrSlug) ?? await published.BySlugAsync(RetrosModule.TemplateType, idOrSlug);
        return item?.ContentType == RetrosModule.TemplateType ? item : null;
    }

    // ---- phases ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Moves the retro on to <paramref name="to"/>, which must be the next phase (two facilitators clicking at once move it
    /// one step). Leaving reflect counts the writers, then erases every author tag and the retro's secret.
    /// </summary>
    public Task<RetroResult> MoveAsync(ClaimsPrincipal user, long id, RetroPhase to, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: true, async (retro, viewer) =>
        {
            if (Next(retro.Phase) != to) return RetroResult.Invalid("phase", "Phase: the retro is not at the step before this one (reload the page).");
            if (retro.Phase == RetroPhase.Reflect)
            {
                var cards = await db.Cards.Where(c => c.RetroId == retro.Id).ToListAsync(ct);
                retro.Writers = cards.Select(c => c.AuthorTag ?? c.AuthorUserId).Where(a => a is not null).Distinct().Count();
                foreach (var card in cards) card.AuthorTag = null;
                db.Secrets.RemoveRange(await db.Secrets.Where(s => s.RetroId == retro.Id).ToListAsync(ct));
            }
            // The secret anonymous cards are tagged with exists from the moment reflect opens (never two for one retro).
            if (to == RetroPhase.Reflect && retro.Anonymous && !await db.Secrets.AnyAsync(s => s.RetroId == retro.Id, ct))
                db.Secrets.Add(new RetroSecret { RetroId = retro.Id, Key = RandomNumberGenerator.GetBytes(32) });
            retro.Phase = to;
            if (to == RetroPhase.Closed) retro.ClosedUtc = clock.GetUtcNow().UtcDateTime;
            return RetroResult.Done();
        }, audited: retro => ("retro.phase", $"moved to {retro.Phase}"), ct);

    // ---- review of earlier actions -----------------------------------------------------------------------------

    /// <summary>Marks an earlier action of the team done, not done or carried over (it stays open and comes back next time).</summary>
    public Task<RetroResult> ReviewActionAsync(ClaimsPrincipal user, long id, long actionId, RetroActionStatus outcome, string? note, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: true, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Review) return RetroResult.Invalid("phase", "Phase: earlier actions are reviewed in the first step.");
            if (outcome == RetroActionStatus.Open) return RetroResult.Invalid("outcome", "Outcome: done, not done or carried over.");
            if (note is { Length: > 1000 }) return RetroResult.Invalid("note", "Note: at most 1000 characters.");
            var action = await db.Actions.FirstOrDefaultAsync(a => a.Id == actionId && a.TeamId == retro.TeamId && a.RetroId != retro.Id && a.CreatedUtc < retro.CreatedUtc, ct);
            if (action is null) return RetroResult.Invalid("action", "Action: not an earlier action of this team.");
            var review = await db.ActionReviews.FirstOrDefaultAsync(r => r.RetroId == retro.Id && r.ActionId == actionId, ct);
            if (review is null && !action.IsOpen) return RetroResult.Invalid("action", "Action: it was closed in another retro.");
            if (review is null) db.ActionReviews.Add(review = new RetroActionReview { RetroId = retro.Id, ActionId = actionId });
            review.Outcome = outcome;
            review.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            review.ReviewedUtc = clock.GetUtcNow().UtcDateTime;
            action.Status = outcome;
            action.ClosedUtc = outcome == RetroActionStatus.CarriedOver ? null : review.ReviewedUtc;
            if (outcome != RetroActionStatus.CarriedOver) action.IsFocus = false;
            return RetroResult.Done(review.Id);
        }, audited: _ => ("retro.action.review", $"action {actionId}: {outcome}"), ct);

    /// <summary>The earlier actions this retro reviews: every open one of the team from before it, and those it reviewed.</summary>
    public async Task<IReadOnlyList<(RetroAction Action, RetroActionReview? Review)>> PreviousActionsAsync(Retro retro, CancellationToken ct = default)
    {
        var reviews = await db.ActionReviews.AsNoTracking().Where(r => r.RetroId == retro.Id).ToDictionaryAsync(r => r.ActionId, ct);
        var reviewedIds = reviews.Keys.ToList();
        var actions = await db.Actions.AsNoTracking()
            .Where(a => a.TeamId == retro.TeamId && a.RetroId != retro.Id && a.CreatedUtc < retro.CreatedUtc
                && (a.Status == RetroActionStatus.Open || a.Status == RetroActionStatus.CarriedOver || reviewedIds.Contains(a.Id)))
            .OrderBy(a => a.DueUtc).ThenBy(a => a.Id).ToListAsync(ct);
        return actions.Select(a => (a, reviews.GetValueOrDefault(a.Id))).ToList();
    }

    // ---- cards ---------------------------------------------------------------------------------------------------

    public Task<RetroResult> AddCardAsync(ClaimsPrincipal user, long id, string? promptKey, string? text, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: false, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Reflect) return RetroResult.Invalid("phase", "Phase: cards are written while the team reflects.");
            if (PromptsOf(retro).All(p => p.Key != promptKey)) return RetroResult.Invalid("prompt", "Prompt: choose one of the retro's prompts.");
            if (CheckText(text) is { } refused) return refused;
            var card = new RetroCard { RetroId = retro.Id, PromptKey = promptKey!, Text = text!.Trim() };
            if (retro.Anonymous)
            {
                var key = await db.Secrets.AsNoTracking().Where(x => x.RetroId == retro.Id).Select(x => x.Key).FirstOrDefaultAsync(ct);
                if (key is null) return RetroResult.Invalid("phase", "Phase: cards are written while the team reflects.");
                card.AuthorTag = Tag(key, viewer.UserId);
            }
            else card.AuthorUserId = viewer.UserId;
            var mine = retro.Anonymous
                ? await db.Cards.CountAsync(c => c.RetroId == retro.Id && c.AuthorTag == card.AuthorTag, ct)
                : await db.Cards.CountAsync(c => c.RetroId == retro.Id && c.AuthorUserId == viewer.UserId, ct);
            if (mine >= MaxCardsPerPerson) return RetroResult.Invalid("text", "Text: at most {0} cards each.", MaxCardsPerPerson.ToString(CultureInfo.InvariantCulture));
            db.Cards.Add(card);
            return RetroResult.Done();
        }, audited: null, ct, idOf: () => db.ChangeTracker.Entries<RetroCard>().Select(e => e.Entity.Id).LastOrDefault());

    /// <summary>Changes or (empty text with <paramref name="delete"/>) removes one's own card, while reflect is open.</summary>
    public Task<RetroResult> EditCardAsync(ClaimsPrincipal user, long id, long cardId, string? text, bool delete = false, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: false, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Reflect) return RetroResult.Invalid("phase", "Phase: cards are written while the team reflects.");
            var card = await db.Cards.FirstOrDefaultAsync(c => c.Id == cardId && c.RetroId == retro.Id, ct);
            if (card is null || !await IsMineAsync(retro, card, viewer.UserId, ct)) return RetroResult.NotFound;
            if (delete)
            {
                db.Cards.Remove(card);
                return RetroResult.Done();
            }
            if (CheckText(text) is { } refused) return refused;
            card.Text = text!.Trim();
            return RetroResult.Done(card.Id);
        }, audited: null, ct);

    private async Task<bool> IsMineAsync(Retro retro, RetroCard card, string userId, CancellationToken ct) =>
        retro.Anonymous
            ? card.AuthorTag is not null && await db.Secrets.AsNoTracking().Where(s => s.RetroId == retro.Id).Select(s => s.Key).FirstOrDefaultAsync(ct) is { } key
              && card.AuthorTag == Tag(key, userId)
            : card.AuthorUserId == userId;

    private static RetroResult? CheckText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? RetroResult.Invalid("text", "Text: write something.")
        : text.Trim().Length > 2000 ? RetroResult.Invalid("text", "Text: at most 2000 characters.") : null;

    private static string Tag(byte[] secret, string userId) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(userId))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The cards this person may see: during reflect only their own; afterwards all of them. <c>Mine</c> is known only during
    /// reflect; an anonymous card never names its author.
    /// </summary>
    public async Task<IReadOnlyList<CardView>> CardsAsync(Retro retro, RetroViewer viewer, CancellationToken ct = default)
    {
        var cards = await db.Cards.AsNoTracking().Where(c => c.RetroId == retro.Id).OrderBy(c => c.PromptKey).ThenBy(c => c.Id).ToListAsync(ct);
        if (retro.Phase == RetroPhase.Reflect)
        {
            var tag = retro.Anonymous ? await db.Secrets.AsNoTracking().Where(s => s.RetroId == retro.Id).Select(s => s.Key).FirstOrDefaultAsync(ct) is { } key
                ? Tag(key, viewer.UserId) : null : null;
            cards = cards.Where(c => retro.Anonymous ? tag is not null && c.AuthorTag == tag : c.AuthorUserId == viewer.UserId).ToList();
            return cards.Select(c => new CardView(c.Id, c.PromptKey, c.Text, c.GroupId, null, true)).ToList();
        }
        if (retro.Phase == RetroPhase.Review) return [];
        var names = retro.Anonymous ? new Dictionary<string, DirectoryUser>()
            : await users.ByIdsAsync(cards.Select(c => c.AuthorUserId).OfType<string>().Distinct().ToList(), ct);
        return cards.Select(c => new CardView(c.Id, c.PromptKey, c.Text, c.GroupId,
            retro.Anonymous ? null : c.AuthorUserId is { } a ? names.GetValueOrDefault(a)?.DisplayName ?? "" : null, false)).ToList();
    }

    /// <summary>Cards written and people who wrote them: counts only, never who.</summary>
    public async Task<(int Cards, int Writers)> ParticipationAsync(Retro retro, CancellationToken ct = default)
    {
        var count = await db.Cards.CountAsync(c => c.RetroId == retro.Id, ct);
        if (retro.Phase > RetroPhase.Reflect) return (count, retro.Writers);
        var writers = await db.Cards.Where(c => c.RetroId == retro.Id).Select(c => c.AuthorTag ?? c.AuthorUserId).Distinct().CountAsync(ct);
        return (count, writers);
    }

    // ---- groups ------------------------------------------------------------------------------------------------

    public Task<RetroResult> AddGroupAsync(ClaimsPrincipal user, long id, string? name, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: false, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Group) return RetroResult.Invalid("phase", "Phase: groups are made in the group step.");
            if (string.IsNullOrWhiteSpace(name)) return RetroResult.Invalid("name", "Group name: write a name.");
            if (name.Trim().Length > 200) return RetroResult.Invalid("name", "Group name: at most 200 characters.");
            if (await db.Groups.CountAsync(g => g.RetroId == retro.Id, ct) >= 50) return RetroResult.Invalid("name", "Group name: at most 50 groups.");
            db.Groups.Add(new RetroGroup { RetroId = retro.Id, Name = name.Trim() });
            return RetroResult.Done();
        }, audited: null, ct, idOf: () => db.ChangeTracker.Entries<RetroGroup>().Select(e => e.Entity.Id).LastOrDefault());

    /// <summary>Puts a card into a group, or (null) takes it out of any.</summary>
    public Task<RetroResult> MoveCardAsync(ClaimsPrincipal user, long id, long cardId, long? groupId, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: false, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Group) return RetroResult.Invalid("phase", "Phase: groups are made in the group step.");
            var card = await db.Cards.FirstOrDefaultAsync(c => c.Id == cardId && c.RetroId == retro.Id, ct);
            if (card is null) return RetroResult.Invalid("card", "Card: not a card of this retro.");
            if (groupId is not null && !await db.Groups.AnyAsync(g => g.Id == groupId && g.RetroId == retro.Id, ct))
                return RetroResult.Invalid("group", "Group: not a group of this retro.");
            card.GroupId = groupId;
            return RetroResult.Done(card.Id);
        }, audited: null, ct);

    /// <summary>The discussion notes of a group (the facilitator writes them during discuss).</summary>
    public Task<RetroResult> NoteGroupAsync(ClaimsPrincipal user, long id, long groupId, string? notes, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: true, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Discuss) return RetroResult.Invalid("phase", "Phase: notes are written while the team discusses.");
            if (notes is { Length: > 10_000 }) return RetroResult.Invalid("notes", "Notes: at most 10000 characters.");
            var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId && g.RetroId == retro.Id, ct);
            if (group is null) return RetroResult.Invalid("group", "Group: not a group of this retro.");
            group.Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
            return RetroResult.Done(group.Id);
        }, audited: null, ct);

    /// <summary>The groups with their vote totals, most voted first (ties: the order they were made).</summary>
    public async Task<IReadOnlyList<GroupView>> GroupsAsync(Retro retro, RetroViewer viewer, CancellationToken ct = default)
    {
        var groups = await db.Groups.AsNoTracking().Where(g => g.RetroId == retro.Id).OrderBy(g => g.Id).ToListAsync(ct);
        var votes = await db.Votes.AsNoTracking().Where(v => v.RetroId == retro.Id).Select(v => new { v.GroupId, v.UserId }).ToListAsync(ct);
        // While the vote is open each person sees only their own votes (no band-wagon); the totals come after.
        var showTotals = retro.Phase > RetroPhase.Vote;
        var views = groups.Select(g => new GroupView(g.Id, g.Name, g.Notes,
            showTotals ? votes.Count(v => v.GroupId == g.Id) : 0, votes.Count(v => v.GroupId == g.Id && v.UserId == viewer.UserId))).ToList();
        return showTotals ? views.OrderByDescending(g => g.Votes).ThenBy(g => g.Id).ToList() : views;
    }

    // ---- votes ----------------------------------------------------------------------------------------------------

    public Task<RetroResult> VoteAsync(ClaimsPrincipal user, long id, long groupId, bool add, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: false, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Vote) return RetroResult.Invalid("phase", "Phase: votes are cast in the vote step.");
            if (!await db.Groups.AnyAsync(g => g.Id == groupId && g.RetroId == retro.Id, ct)) return RetroResult.Invalid("group", "Group: not a group of this retro.");
            var mine = await db.Votes.Where(v => v.RetroId == retro.Id && v.UserId == viewer.UserId).ToListAsync(ct);
            if (!add)
            {
                var one = mine.FirstOrDefault(v => v.GroupId == groupId);
                if (one is null) return RetroResult.Invalid("group", "Group: you have no vote on it.");
                db.Votes.Remove(one);
                return RetroResult.Done();
            }
            if (mine.Count >= retro.VoteBudget)
                return RetroResult.Invalid("group", "Votes: you have used all {0} of your votes.", retro.VoteBudget.ToString(CultureInfo.InvariantCulture));
            if (mine.Count(v => v.GroupId == groupId) >= retro.MaxVotesPerGroup)
                return RetroResult.Invalid("group", "Votes: at most {0} of your votes on one group.", retro.MaxVotesPerGroup.ToString(CultureInfo.InvariantCulture));
            db.Votes.Add(new RetroVote { RetroId = retro.Id, GroupId = groupId, UserId = viewer.UserId });
            return RetroResult.Done();
        }, audited: null, ct);

    public async Task<int> VotesUsedAsync(Retro retro, string userId, CancellationToken ct = default) =>
        await db.Votes.CountAsync(v => v.RetroId == retro.Id && v.UserId == userId, ct);

    public async Task<int> VotesCastAsync(Retro retro, CancellationToken ct = default) => await db.Votes.CountAsync(v => v.RetroId == retro.Id, ct);

    // ---- actions -------------------------------------------------------------------------------------------------

    public Task<RetroResult> AddActionAsync(ClaimsPrincipal user, long id, RetroActionInput input, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: true, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Actions) return RetroResult.Invalid("phase", "Phase: actions are agreed in the actions step.");
            if (string.IsNullOrWhiteSpace(input.Text)) return RetroResult.Invalid("text", "Action: write what will be done.");
            if (input.Text.Trim().Length > 1000) return RetroResult.Invalid("text", "Action: at most 1000 characters.");
            var members = await teams.MemberIdsAsync([retro.TeamId]);
            if (input.OwnerUserId is null || !members.Contains(input.OwnerUserId)) return RetroResult.Invalid("owner", "Owner: choose a member of the team.");
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (input.Due is not { } due) return RetroResult.Invalid("due", "Due date: choose a day.");
            if (due < today) return RetroResult.Invalid("due", "Due date: today or later.");
            if (due > today.AddYears(1)) return RetroResult.Invalid("due", "Due date: within a year.");
            string? type = null, anchor = null;
            if (!string.IsNullOrWhiteSpace(input.LinkedContentItemId))
            {
                var item = await published.ByIdAsync(input.LinkedContentItemId);
                if (item is null || !LinkableTypes.Contains(item.ContentType))
                    return RetroResult.Invalid("link", "Linked content: choose a published playbook, drill, case or question.");
                type = item.ContentType;
                if (!string.IsNullOrWhiteSpace(input.LinkedAnchor))
                {
                    if (!Anchors(item).Any(s => s.Key == input.LinkedAnchor))
                        return RetroResult.Invalid("stage", "Stage: choose a stage of the linked playbook.");
                    anchor = input.LinkedAnchor;
                }
            }
            if (await db.Actions.CountAsync(a => a.RetroId == retro.Id, ct) >= 50) return RetroResult.Invalid("text", "Action: at most 50 actions per retro.");
            if (input.IsFocus)
                foreach (var other in await db.Actions.Where(a => a.RetroId == retro.Id && a.IsFocus).ToListAsync(ct)) other.IsFocus = false;
            db.Actions.Add(new RetroAction
            {
                RetroId = retro.Id, TeamId = retro.TeamId, Text = input.Text.Trim(), OwnerUserId = input.OwnerUserId, DueUtc = due,
                LinkedContentItemId = type is null ? null : input.LinkedContentItemId, LinkedContentType = type, LinkedAnchor = anchor,
                IsFocus = input.IsFocus, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
            return RetroResult.Done();
        }, audited: _ => ("retro.action.add", null), ct, idOf: () => db.ChangeTracker.Entries<RetroAction>().Where(e => e.Entity.RetroId == id)
            .Select(e => e.Entity.Id).DefaultIfEmpty().Max());

    /// <summary>Makes one action of this retro the team's focus (or, with false, none).</summary>
    public Task<RetroResult> FocusAsync(ClaimsPrincipal user, long id, long actionId, bool focus, CancellationToken ct = default) =>
        ChangeAsync(user, id, facilitatorOnly: true, async (retro, viewer) =>
        {
            if (retro.Phase != RetroPhase.Actions) return RetroResult.Invalid("phase", "Phase: actions are agreed in the actions step.");
            var actions = await db.Actions.Where(a => a.RetroId == retro.Id).ToListAsync(ct);
            if (actions.All(a => a.Id != actionId)) return RetroResult.Invalid("action", "Action: not an action of this retro.");
            foreach (var a in actions) a.IsFocus = focus && a.Id == actionId;
            return RetroResult.Done(actionId);
        }, audited: null, ct);

    public async Task<IReadOnlyList<RetroAction>> ActionsAsync(long retroId, CancellationToken ct = default) =>
        await db.Actions.AsNoTracking().Where(a => a.RetroId == retroId).OrderByDescending(a => a.IsFocus).ThenBy(a => a.Id).ToListAsync(ct);

    /// <summary>The places of an item an action may link to (a playbook's stages), as its type declares them.</summary>
    public IReadOnlyList<ContentAnchor> Anchors(Content.Models.ContentItem item) => definitions.Anchors(item);

    // ---- the one way a change is made ------------------------------------------------------------------------------

    /// <summary>
    /// Loads the retro (404 when not visible, or when <paramref name="facilitatorOnly"/> and the person does not facilitate),
    /// applies the change, bumps the sequence and saves; a concurrent change makes it start over on fresh data.
    /// </summary>
    private async Task<RetroResult> ChangeAsync(ClaimsPrincipal user, long id, bool facilitatorOnly, Func<Retro, RetroViewer, Task<RetroResult>> change,
        Func<Retro, (string Action, string? Details)>? audited, CancellationToken ct, Func<long>? idOf = null)
    {
        Retro? saved = null;
        long newId = 0;
        var result = await writes.ChangeAsync(db, async () =>
        {
            var retro = await db.Retros.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (retro is null || await access.ViewerAsync(user, retro) is not { } viewer) return Change.Stop(RetroResult.NotFound);
            if (facilitatorOnly && !viewer.Facilitates) return Change.Stop(RetroResult.NotFound);
            if (retro.Phase == RetroPhase.Closed) return Change.Stop(RetroResult.Invalid("phase", "Phase: the retro is closed."));
            var outcome = await change(retro, viewer);
            if (!outcome.Ok) return Change.Stop(outcome);
            retro.Sequence++;
            saved = retro;
            return Change.Save(outcome);
        }, ct, save: async () =>
        {
            await db.SaveChangesAsync(ct);
            // The new row's id (a card, a group) is known once saved, before the tracker is cleared.
            if (idOf is not null) newId = idOf();
        });
        if (!result.Ok || saved is null) return result;
        if (audited is not null)
        {
            var (action, details) = audited(saved);
            await audit.RecordAsync(action, $"retro:{saved.Id}", details, ct: ct);
        }
        return RetroResult.Done(result.Id != 0 ? result.Id : newId);
    }
}

/// <param name="Author">A named retro's author's display name; always null on an anonymous retro.</param>
/// <param name="Mine">Known only during reflect, where a person sees nothing but their own cards.</param>
public sealed record CardView(long Id, string PromptKey, string Text, long? GroupId, string? Author, bool Mine);

/// <param name="Votes">Every vote on the group; 0 while the vote is still open.</param>
/// <param name="MyVotes">The viewer's own votes on it.</param>
public sealed record GroupView(long Id, string Name, string? Notes, int Votes, int MyVotes);
