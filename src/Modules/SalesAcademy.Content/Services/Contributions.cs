using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Services;

/// <summary>
/// Reps' contributions and the trainers' review: draft → submitted → returned (with requests) → … →
/// published. The item itself is written through <see cref="ContentManager"/> like any other; this keeps
/// the review state and its thread, and tells the contributor what happened. What a write itself causes (the audit
/// entry, the change log, marking a contribution published however it was published) is the manager's.
/// </summary>
public sealed class Contributions(ContentDbContext db, ContentManager manager, IUserNotifications notifications, IUserDirectory directory, TimeProvider clock)
{
    public const int MaxNoteLength = 4000;

    /// <summary>Where the contributor works on it (the case library's contribution form).</summary>
    public static string ContributorUrl(string contentItemId) => $"/contribute/{contentItemId}";
    public static string ReviewUrl(string contentItemId) => $"/studio/reviews/{contentItemId}";

    public Task<ContentContribution?> FindAsync(string contentItemId, CancellationToken ct = default) =>
        db.Contributions.AsNoTracking().SingleOrDefaultAsync(c => c.ContentItemId == contentItemId, ct);

    public async Task<IReadOnlyDictionary<string, ContentContribution>> ForItemsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        await db.Contributions.AsNoTracking().Where(c => ids.Contains(c.ContentItemId)).ToDictionaryAsync(c => c.ContentItemId, ct);

    public async Task<IReadOnlyList<ContentContribution>> OfContributorAsync(string userName, CancellationToken ct = default) =>
        await db.Contributions.AsNoTracking().Where(c => c.Contributor == userName).OrderByDescending(c => c.UpdatedUtc).ToListAsync(ct);

    /// <summary>The review queue: oldest submission first; other states for the queue's tabs.</summary>
    public async Task<IReadOnlyList<ContentContribution>> QueueAsync(ContributionStatus status, CancellationToken ct = default) =>
        status == ContributionStatus.Submitted
            ? await db.Contributions.AsNoTracking().Where(c => c.Status == status).OrderBy(c => c.SubmittedUtc).ToListAsync(ct)
            : await db.Contributions.AsNoTracking().Where(c => c.Status == status).OrderByDescending(c => c.UpdatedUtc).Take(200).ToListAsync(ct);

    public async Task<IReadOnlyList<ContentReviewNote>> NotesAsync(string contentItemId, CancellationToken ct = default) =>
        await db.ReviewNotes.AsNoTracking().Where(n => n.ContentItemId == contentItemId).OrderBy(n => n.Id).ToListAsync(ct);

    /// <summary>Creates the contribution's first version (a draft) and its review record in one transaction.</summary>
    public Task<ContentItem> CreateAsync(ContentItem item, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var now = Now;
        var ownership = item.As<OwnershipPart>();
        ownership.ContributedBy = Truncate(user.DisplayName(), 100);
        item.Apply(ownership);
        return manager.CreateAsync(item, ContentActor.Of(user), publish: false, ct, saved => db.Contributions.Add(new ContentContribution
        {
            ContentItemId = saved.ContentItemId,
            ContentType = saved.ContentType,
            Contributor = user.UserName(),
            ContributorName = Truncate(user.DisplayName(), 100),
            Status = ContributionStatus.Draft,
            CreatedUtc = now,
            UpdatedUtc = now,
        }));
    }

    /// <summary>The contributor's next draft; refused once submitted (until a trainer returns it).</summary>
    public async Task<ContentItem> SaveAsync(ContentItem edited, string basedOnVersionId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var contribution = await RequireAsync(edited.ContentItemId, ct);
        if (!contribution.EditableByContributor) throw new ContentWorkflowException("This contribution is with the reviewers and cannot be changed now.");
        return await manager.SaveDraftAsync(edited, basedOnVersionId, ContentActor.Of(user), ct); // also touches the record
    }

    public async Task SubmitAsync(string contentItemId, ClaimsPrincipal user, string? note, CancellationToken ct = default)
    {
        var contribution = await RequireAsync(contentItemId, ct);
        if (!contribution.EditableByContributor) throw new ContentWorkflowException("This contribution was already submitted.");
        var now = Now;
        await UpdateAsync(contentItemId, c => { c.Status = ContributionStatus.Submitted; c.SubmittedUtc = now; c.UpdatedUtc = now; }, ct,
            Note(contentItemId, user, ReviewNoteKind.Submitted, note));
        // Everyone who may review is told (not the contributor, should they be a reviewer too).
        var title = await TitleAsync(contentItemId, ct);
        var reviewers = (await directory.UsersWithPermissionAsync(ContentPermissions.Review, ct))
            .Where(r => !string.Equals(r, user.UserName(), StringComparison.OrdinalIgnoreCase)).ToList();
        await notifications.NotifyAsync(reviewers, new Notice(ContentModule.ReviewKind, "{0} submitted “{1}” for review.", [user.DisplayName(), title], ReviewUrl(contentItemId)), ct);
    }

    /// <summary>How many contributions wait for a reviewer (the header's badge): one indexed COUNT.</summary>
    public Task<int> PendingCountAsync(CancellationToken ct = default) =>
        db.Contributions.AsNoTracking().CountAsync(c => c.Status == ContributionStatus.Submitted, ct);

    /// <summary>A note in the thread, from a reviewer or the contributor; the other side is told.</summary>
    public async Task CommentAsync(string contentItemId, ClaimsPrincipal user, string text, CancellationToken ct = default)
    {
        var contribution = await RequireAsync(contentItemId, ct);
        await UpdateAsync(contentItemId, c => c.UpdatedUtc = Now, ct, Note(contentItemId, user, ReviewNoteKind.Comment, Required(text)));
        if (!string.Equals(contribution.Contributor, user.UserName(), StringComparison.OrdinalIgnoreCase))
            await NotifyContributorAsync(contribution, "{0} commented on your contribution “{1}”.", user.DisplayName(), ct);
    }

    public async Task ReturnAsync(string contentItemId, ClaimsPrincipal reviewer, string requests, CancellationToken ct = default)
    {
        var contribution = await RequireAsync(contentItemId, ct);
        if (contribution.Status != ContributionStatus.Submitted) throw new ContentWorkflowException("Only a submitted contribution can be returned.");
        await UpdateAsync(contentItemId, c => { c.Status = ContributionStatus.Returned; c.UpdatedUtc = Now; }, ct,
            Note(contentItemId, reviewer, ReviewNoteKind.Returned, Required(requests)));
        await NotifyContributorAsync(contribution, "Your contribution “{1}” was returned with requests by {0}.", reviewer.DisplayName(), ct);
    }

    public async Task<ContentItem> PublishAsync(string contentItemId, ClaimsPrincipal reviewer, string? note, CancellationToken ct = default)
    {
        var contribution = await RequireAsync(contentItemId, ct);
        if (contribution.Status != ContributionStatus.Submitted) throw new ContentWorkflowException("Only a submitted contribution can be published.");
        var text = Note(contentItemId, reviewer, ReviewNoteKind.Published, note).Text; // checks the length before anything is written
        // The manager marks the contribution published (with this note), audits the publish and tells the contributor.
        return await manager.PublishAsync(contentItemId, null, ContentActor.Of(reviewer), ct, reviewNote: text);
    }

    private async Task NotifyContributorAsync(ContentContribution contribution, string template, string actor, CancellationToken ct)
    {
        var title = await TitleAsync(contribution.ContentItemId, ct);
        await notifications.NotifyAsync([contribution.Contributor], new Notice(ContentModule.DecisionKind, template, [actor, title], ContributorUrl(contribution.ContentItemId)), ct);
    }

    private async Task<string> TitleAsync(string contentItemId, CancellationToken ct) =>
        await db.Items.AsNoTracking().Where(i => i.ContentItemId == contentItemId && i.Latest).Select(i => i.DisplayText).SingleOrDefaultAsync(ct) ?? contentItemId;

    private async Task<ContentContribution> RequireAsync(string contentItemId, CancellationToken ct) =>
        await FindAsync(contentItemId, ct) ?? throw new ContentNotFoundException(contentItemId);

    private async Task UpdateAsync(string contentItemId, Action<ContentContribution> change, CancellationToken ct, ContentReviewNote? note = null)
    {
        db.ChangeTracker.Clear();
        var row = await db.Contributions.SingleAsync(c => c.ContentItemId == contentItemId, ct);
        change(row);
        if (note is not null) db.ReviewNotes.Add(note);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private ContentReviewNote Note(string contentItemId, ClaimsPrincipal user, ReviewNoteKind kind, string? text)
    {
        text = text?.Trim() ?? "";
        if (text.Length > MaxNoteLength) throw new ContentWorkflowException("The note is too long: at most 4000 characters.");
        return new ContentReviewNote
        {
            ContentItemId = contentItemId, Author = user.UserName(), AuthorName = Truncate(user.DisplayName(), 100), Kind = kind,
            Text = text, CreatedUtc = Now,
        };
    }

    private static string Required(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ContentWorkflowException("Write what should change: the note is empty.") : text;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
