using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Services;

public enum VersionOptions { Published, Latest }

/// <summary>Who writes: the user name recorded on versions, audit entries and review notes, and the name shown to people told about it.</summary>
public sealed record ContentActor(string UserName, string DisplayName)
{
    public static ContentActor Of(ClaimsPrincipal user) => new(user.UserName(), user.DisplayName());

    /// <summary>A user name that is its own display name (the importer, tests).</summary>
    public static implicit operator ContentActor(string userName) => new(userName, userName);
}

/// <summary>
/// The one way content is written (the studio, the contribution form, the review queue, the API and the importer
/// alike), and the owner of every side effect of a write: each write runs in a transaction that also appends to the
/// content change log (and, for an item someone contributed, updates its review record); after the commit it records
/// the audit entry (publish, unpublish, delete, restore, verify — a save that publishes is a publish), tells the
/// contributor, and raises <see cref="ContentChangeSignal"/> for this node's followers. A save must name the version
/// it was based on.
/// </summary>
public sealed class ContentManager(ContentDbContext db, ContentDefinitions definitions, PublishedContent published, TimeProvider clock,
    IAuditLog audit, IUserNotifications notifications, ContentChangeSignal signal, IEnumerable<IContentPublishCheck> publishChecks,
    SalesAcademy.Core.Data.DatabaseWriteGate writes)
{
    public const string PublishAction = "content.publish", UnpublishAction = "content.unpublish", DeleteAction = "content.delete",
        RestoreAction = "content.restore", VerifiedAction = "content.verified";

    /// <summary>What to do once the current write has committed (audit entries, notifications).</summary>
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];

    public ContentItem New(string contentType, string? contentItemId = null)
    {
        definitions.Get(contentType);
        return new ContentItem { ContentType = contentType, ContentItemId = contentItemId ?? ContentIds.New(), Culture = Core.Localization.PortalCultures.Chinese };
    }

    public Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken ct = default) =>
        db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.ContentItemId == contentItemId &&
            (options == VersionOptions.Published ? i.Published : i.Latest), ct);

    public Task<ContentItem?> GetVersionAsync(string contentItemVersionId, CancellationToken ct = default) =>
        db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.ContentItemVersionId == contentItemVersionId, ct);

    /// <summary>Several versions by their version ids, in one query (unknown ids are left out).</summary>
    public async Task<IReadOnlyList<ContentItem>> GetVersionsByIdAsync(IReadOnlyCollection<string> contentItemVersionIds, CancellationToken ct = default) =>
        contentItemVersionIds.Count == 0 ? []
            : await db.Items.AsNoTracking().Where(i => contentItemVersionIds.Contains(i.ContentItemVersionId)).ToListAsync(ct);

    /// <summary>Every version, newest first.</summary>
    public async Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken ct = default) =>
        await db.Items.AsNoTracking().Where(i => i.ContentItemId == contentItemId).OrderByDescending(i => i.Number).ToListAsync(ct);

    /// <summary>Creates the first version of a new item, optionally published at once.</summary>
    /// <param name="alsoInTransaction">Extra writes (on this scope's context) that must commit with the item.</param>
    public Task<ContentItem> CreateAsync(ContentItem item, ContentActor author, bool publish, CancellationToken ct = default, Action<ContentItem>? alsoInTransaction = null) =>
        WriteAsync(async () =>
        {
            await ValidateAsync(item, ct);
            if (await db.Items.AnyAsync(i => i.ContentItemId == item.ContentItemId, ct))
                throw new ContentValidationException(item.ContentItemId, [new("id", $"an item with id '{item.ContentItemId}' already exists")]);
            var now = Now;
            var row = NewVersion(item, number: 1, author.UserName, now);
            row.CreatedUtc = now;
            if (publish) await CheckPublishAsync(item, ct);
            if (publish) { row.Published = true; row.PublishedUtc = now; }
            db.Items.Add(row);
            Log(row, ContentChangeKind.Updated, now);
            alsoInTransaction?.Invoke(row);
            if (publish) await PublishedAsync(row, author, note: null, now, ct);
            return row;
        }, ct);

    /// <summary>
    /// Saves <paramref name="edited"/> as a new latest version (a draft: the published version, if any,
    /// stays published). Refused with <see cref="ContentConflictException"/> unless
    /// <paramref name="basedOnVersionId"/> is the current latest version.
    /// </summary>
    public Task<ContentItem> SaveDraftAsync(ContentItem edited, string basedOnVersionId, ContentActor author, CancellationToken ct = default) =>
        WriteAsync(() => SaveVersionAsync(edited, basedOnVersionId, author, publish: false, ct), ct);

    /// <summary>Saves a new version and publishes it in one transaction (the studio's "save and publish", the importer's update): a publish.</summary>
    public Task<ContentItem> SaveAndPublishAsync(ContentItem edited, string basedOnVersionId, ContentActor author, CancellationToken ct = default, Action<ContentItem>? alsoInTransaction = null) =>
        WriteAsync(async () =>
        {
            var row = await SaveVersionAsync(edited, basedOnVersionId, author, publish: true, ct);
            alsoInTransaction?.Invoke(row);
            return row;
        }, ct);

    /// <summary>
    /// Publishes the latest version; the previously published one is demoted. No-op (nothing logged or audited)
    /// when already published. An item someone contributed is marked published in its review record, with
    /// <paramref name="reviewNote"/> in its thread, and the contributor is told.
    /// </summary>
    public Task<ContentItem> PublishAsync(string contentItemId, string? basedOnVersionId, ContentActor user, CancellationToken ct = default,
        string? reviewNote = null) =>
        WriteAsync(async () =>
        {
            var latest = await LatestAsync(contentItemId, ct);
            if (basedOnVersionId is not null && latest.ContentItemVersionId != basedOnVersionId)
                throw new ContentConflictException(contentItemId, basedOnVersionId, latest);
            var now = Now;
            if (latest.Published)
            {
                await RecordContributionPublishedAsync(latest, user, reviewNote, now, ct);
                return latest;
            }
            await CheckPublishAsync(latest, ct);
            await DemotePublishedAsync(contentItemId, ct);
            latest.Published = true;
            latest.PublishedUtc = now;
            Log(latest, ContentChangeKind.Updated, now);
            await PublishedAsync(latest, user, reviewNote, now, ct);
            return latest;
        }, ct);

    /// <summary>Takes the item off the site; its versions stay. No-op (nothing logged or audited) when nothing is published.</summary>
    public Task<bool> UnpublishAsync(string contentItemId, ContentActor user, CancellationToken ct = default) =>
        WriteAsync(async () =>
        {
            await LatestAsync(contentItemId, ct); // throws when the item does not exist
            var published = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Published, ct);
            if (published is null) return false;
            await DemotePublishedAsync(contentItemId, ct);
            Log(published, ContentChangeKind.Unpublished, Now); // names the version taken down
            Audit(UnpublishAction, contentItemId, user);
            return true;
        }, ct);

    /// <summary>Soft delete: no version stays latest or published; the rows (and history) stay.</summary>
    public Task<bool> DeleteAsync(string contentItemId, ContentActor user, CancellationToken ct = default) =>
        WriteAsync(async () =>
        {
            var latest = await LatestAsync(contentItemId, ct);
            await db.Items.Where(i => i.ContentItemId == contentItemId && (i.Latest || i.Published))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Latest, false).SetProperty(i => i.Published, false), ct);
            Log(latest, ContentChangeKind.Deleted, Now);
            Audit(DeleteAction, contentItemId, user);
            return true;
        }, ct);

    /// <summary>Brings a deleted item back: its newest version becomes the latest, as a draft (publishing is a separate step).</summary>
    public Task<ContentItem> RestoreAsync(string contentItemId, ContentActor user, CancellationToken ct = default) =>
        WriteAsync(async () =>
        {
            if (await db.Items.AnyAsync(i => i.ContentItemId == contentItemId && i.Latest, ct))
                throw new ContentValidationException(contentItemId, [new("id", "the item is not deleted")]);
            var newest = await db.Items.Where(i => i.ContentItemId == contentItemId).OrderByDescending(i => i.Number).FirstOrDefaultAsync(ct)
                ?? throw new ContentNotFoundException(contentItemId);
            var slug = newest.Slug;
            if (await db.Items.AnyAsync(i => i.Slug == slug && i.ContentItemId != contentItemId && (i.Latest || i.Published), ct))
                throw new ContentValidationException(contentItemId, [new("slug", $"'{slug}' is now used by another item; change that item's slug first")]);
            newest.Latest = true;
            Log(newest, ContentChangeKind.Updated, Now);
            Audit(RestoreAction, contentItemId, user);
            return newest;
        }, ct);

    /// <summary>
    /// Adds taxonomy groups and terms, and with <paramref name="relabel"/> updates the labels, group and order of those
    /// that exist (terms are never removed: tags written in the portal stay valid). Each added or changed term is a
    /// <see cref="ContentChangeKind.Taxonomy"/> row of the change log, so every node's snapshot and search index follow
    /// without waiting for a content write. Returns how many groups and terms changed.
    /// </summary>
    public Task<int> SaveTaxonomyAsync(IReadOnlyCollection<TaxonomyGroup> groups, IReadOnlyCollection<TaxonomyTerm> terms, bool relabel,
        CancellationToken ct = default) =>
        WriteAsync(async () =>
        {
            var knownGroups = await db.TaxonomyGroups.ToDictionaryAsync(g => g.Key, ct);
            foreach (var group in groups)
            {
                if (!knownGroups.TryGetValue(group.Key, out var existing)) db.TaxonomyGroups.Add(group);
                else if (relabel) (existing.NameZh, existing.NameEn, existing.SortOrder) = (group.NameZh, group.NameEn, group.SortOrder);
            }
            var knownTerms = await db.TaxonomyTerms.ToDictionaryAsync(t => t.Key, ct);
            foreach (var term in terms)
            {
                if (!knownTerms.TryGetValue(term.Key, out var existing)) db.TaxonomyTerms.Add(term);
                else if (relabel) (existing.Group, existing.NameZh, existing.NameEn, existing.SortOrder) = (term.Group, term.NameZh, term.NameEn, term.SortOrder);
            }
            db.ChangeTracker.DetectChanges();
            static bool Changed(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry e) => e.State is EntityState.Added or EntityState.Modified;
            var changedTerms = db.ChangeTracker.Entries<TaxonomyTerm>().Where(Changed).Select(e => e.Entity.Key).ToList();
            var changedGroups = db.ChangeTracker.Entries<TaxonomyGroup>().Count(Changed);
            var now = Now;
            foreach (var key in changedTerms) LogTaxonomy(key, now);
            if (changedGroups > 0 && changedTerms.Count == 0) LogTaxonomy("", now); // a group's label: the snapshots follow
            return changedTerms.Count + changedGroups;
        }, ct);

    /// <summary>The latest version of every item that is not deleted, optionally of one type (the studio's list).</summary>
    public async Task<IReadOnlyList<ContentItem>> ListLatestAsync(string? contentType = null, CancellationToken ct = default) =>
        await db.Items.AsNoTracking().Where(i => i.Latest && (contentType == null || i.ContentType == contentType))
            .OrderByDescending(i => i.ModifiedUtc).ToListAsync(ct);

    /// <summary>Ids of items that have at least one published version (to mark drafts of published items).</summary>
    public async Task<IReadOnlySet<string>> PublishedIdsAsync(CancellationToken ct = default) =>
        (await db.Items.AsNoTracking().Where(i => i.Published).Select(i => i.ContentItemId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deleted items: the newest version of each item that has no latest version.</summary>
    public async Task<IReadOnlyList<ContentItem>> ListDeletedAsync(CancellationToken ct = default)
    {
        var live = db.Items.Where(i => i.Latest).Select(i => i.ContentItemId);
        var rows = await db.Items.AsNoTracking().Where(i => !live.Contains(i.ContentItemId)).ToListAsync(ct);
        return rows.GroupBy(i => i.ContentItemId).Select(g => g.MaxBy(i => i.Number)!).OrderByDescending(i => i.ModifiedUtc).ToList();
    }

    /// <summary>The latest version of the item with this slug (a draft preview), or null.</summary>
    public Task<ContentItem?> GetLatestBySlugAsync(string contentType, string slug, CancellationToken ct = default) =>
        db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.ContentType == contentType && i.Slug == slug && i.Latest, ct);

    /// <summary>
    /// Records that the item's owner (or a trainer) checked it is still true. Verification is metadata,
    /// not an edit: the latest and published versions are updated in place (no new version, so a
    /// content-as-code import sees no portal edit), and the change is logged like any other write.
    /// </summary>
    public Task<DateTime> MarkVerifiedAsync(string contentItemId, ContentActor user, CancellationToken ct = default) =>
        WriteAsync(async () =>
        {
            var now = Now;
            var rows = await db.Items.Where(i => i.ContentItemId == contentItemId && (i.Latest || i.Published)).ToListAsync(ct);
            if (rows.Count == 0) throw new ContentNotFoundException(contentItemId);
            foreach (var row in rows)
            {
                var ownership = row.As<OwnershipPart>();
                ownership.LastVerifiedUtc = now;
                row.Apply(ownership);
            }
            Log(rows.FirstOrDefault(r => r.Published) ?? rows[0], ContentChangeKind.Updated, now);
            Audit(VerifiedAction, contentItemId, user);
            return now;
        }, ct);

    private async Task<ContentItem> SaveVersionAsync(ContentItem edited, string basedOnVersionId, ContentActor author, bool publish, CancellationToken ct)
    {
        var current = await LatestAsync(edited.ContentItemId, ct);
        if (current.ContentItemVersionId != basedOnVersionId) throw new ContentConflictException(edited.ContentItemId, basedOnVersionId, current);
        if (edited.ContentType != current.ContentType)
            throw new ContentValidationException(edited.ContentItemId,
                [new("type", $"'{edited.ContentItemId}' is a {current.ContentType}; the type of an item cannot change")]);
        await ValidateAsync(edited, ct);
        if (publish) await CheckPublishAsync(edited, ct);

        // Conditional demotion: only one writer can move "latest" away from the version it read.
        var demoted = await db.Items.Where(i => i.Id == current.Id && i.Latest)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Latest, false), ct);
        if (demoted != 1) throw new ContentConflictException(edited.ContentItemId, basedOnVersionId, current);

        var now = Now;
        if (publish) await DemotePublishedAsync(edited.ContentItemId, ct);
        var row = NewVersion(edited, current.Number + 1, author.UserName, now);
        row.CreatedUtc = current.CreatedUtc;
        if (publish) { row.Published = true; row.PublishedUtc = now; }
        db.Items.Add(row);
        Log(row, ContentChangeKind.Updated, now);
        if (publish) await PublishedAsync(row, author, note: null, now, ct);
        else if (await db.Contributions.SingleOrDefaultAsync(c => c.ContentItemId == row.ContentItemId, ct) is { } contribution)
            contribution.UpdatedUtc = now;
        return row;
    }

    /// <summary>A version went live: the audit entry, and the review record of a contributed item.</summary>
    private async Task PublishedAsync(ContentItem row, ContentActor actor, string? note, DateTime now, CancellationToken ct)
    {
        Audit(PublishAction, row.ContentItemId, actor);
        await RecordContributionPublishedAsync(row, actor, note, now, ct);
    }

    /// <summary>
    /// However it was published (the review queue, the studio, the API), a contribution is marked published in the
    /// same transaction, its thread says who published it, and its contributor is told after the commit.
    /// </summary>
    private async Task RecordContributionPublishedAsync(ContentItem row, ContentActor actor, string? note, DateTime now, CancellationToken ct)
    {
        var contribution = await db.Contributions.SingleOrDefaultAsync(c => c.ContentItemId == row.ContentItemId, ct);
        if (contribution is null || contribution.Status == ContributionStatus.Published) return;
        contribution.Status = ContributionStatus.Published;
        contribution.UpdatedUtc = now;
        db.ReviewNotes.Add(new ContentReviewNote
        {
            ContentItemId = row.ContentItemId, Author = actor.UserName, AuthorName = Truncate(actor.DisplayName, 100),
            Kind = ReviewNoteKind.Published, Text = note?.Trim() ?? "", CreatedUtc = now,
        });
        var (recipient, title, url) = (contribution.Contributor, row.DisplayText, Contributions.ContributorUrl(row.ContentItemId));
        _afterCommit.Add(c => notifications.NotifyAsync([recipient], new Notice(ContentModule.DecisionKind, "Your contribution “{1}” was published by {0}. Thank you!", [actor.DisplayName, title], url), c));
    }

    private void Audit(string action, string contentItemId, ContentActor actor) =>
        _afterCommit.Add(c => audit.RecordAsync(action, contentItemId, actor: actor.UserName, ct: c));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private ContentItem NewVersion(ContentItem source, int number, string author, DateTime now)
    {
        var title = source.As<TitlePart>();
        var ownership = source.As<OwnershipPart>();
        return new ContentItem
        {
            ContentItemId = source.ContentItemId,
            ContentItemVersionId = Guid.NewGuid().ToString("N"),
            ContentType = source.ContentType,
            Number = number,
            Latest = true,
            Owner = ownership.Owner ?? source.Owner ?? author,
            Author = author,
            ModifiedUtc = now,
            DisplayText = title.Title.Trim(),
            Slug = source.As<RoutePart>().Slug,
            Culture = source.Culture,
            Content = source.Content,
        };
    }

    /// <summary>What a module refuses to publish (a quiz whose questions are drafts): field errors, as validation.</summary>
    private async Task CheckPublishAsync(ContentItem item, CancellationToken ct)
    {
        var errors = new List<ContentFieldError>();
        foreach (var check in publishChecks) errors.AddRange(await check.CheckAsync(item, ct));
        if (errors.Count > 0) throw new ContentValidationException(item.ContentItemId, errors);
    }

    private async Task ValidateAsync(ContentItem item, CancellationToken ct)
    {
        var errors = definitions.Validate(item);
        var slug = item.As<RoutePart>().Slug;
        if (slug.Length > 0 && await db.Items.AnyAsync(i => i.Slug == slug && i.ContentItemId != item.ContentItemId && (i.Latest || i.Published), ct))
            errors.Add(new("slug", $"'{slug}' is already used by another item"));
        if (errors.Count > 0) throw new ContentValidationException(item.ContentItemId, errors);
    }

    private async Task<ContentItem> LatestAsync(string contentItemId, CancellationToken ct) =>
        await db.Items.SingleOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest, ct)
        ?? throw new ContentNotFoundException(contentItemId);

    private Task<int> DemotePublishedAsync(string contentItemId, CancellationToken ct) =>
        db.Items.Where(i => i.ContentItemId == contentItemId && i.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Published, false), ct);

    private void Log(ContentItem item, ContentChangeKind kind, DateTime now) => db.Changes.Add(new ContentChange
    {
        ContentItemId = item.ContentItemId,
        ContentItemVersionId = item.ContentItemVersionId,
        ContentType = item.ContentType,
        Kind = kind,
        CreatedUtc = now,
    });

    private void LogTaxonomy(string termKey, DateTime now) => db.Changes.Add(new ContentChange
    {
        ContentItemId = termKey,
        ContentType = "",
        Kind = ContentChangeKind.Taxonomy,
        CreatedUtc = now,
    });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// One transaction per write. On PostgreSQL content writes are serialised by an advisory lock so
    /// change-log sequences commit in order (a follower's cursor never skips a late commit); SQLite
    /// serialises writers itself (BEGIN IMMEDIATE), queued first in the <see cref="SalesAcademy.Core.Data.DatabaseWriteGate"/>.
    /// </summary>
    /// <remarks>
    /// The audit entries and notifications run after the commit: the audit log has its own connection, which must
    /// not wait on the write's transaction, and nobody is told of a write that was rolled back.
    /// </remarks>
    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        _afterCommit.Clear();
        T result;
        bool logged;
        // On SQLite the transaction holds the database's write lock from its start: it queues with the portal's other
        // writers here (asynchronously, first come first served) rather than sleeping in SQLite's busy handler, where a
        // studio save was seen waiting out 30 s behind a busy suite.
        using (await writes.EnterAsync(ct))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(727001)", ct);
            try
            {
                result = await write();
                logged = db.ChangeTracker.Entries<ContentChange>().Any();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch
            {
                _afterCommit.Clear();
                throw;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        published.Invalidate();
        if (logged) signal.Raise();
        var effects = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var effect in effects) await effect(ct);
        return result;
    }
}

/// <summary>
/// A module's rule for publishing its type (registered with <c>AddScoped&lt;IContentPublishCheck, …&gt;</c>): the problems that
/// keep <paramref name="item"/> from being published, by field path; none when it may be. Runs in the publishing transaction.
/// </summary>
public interface IContentPublishCheck
{
    Task<IReadOnlyList<ContentFieldError>> CheckAsync(ContentItem item, CancellationToken ct);
}
