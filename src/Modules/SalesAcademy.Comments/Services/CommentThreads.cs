using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SalesAcademy.Comments.Data;
using SalesAcademy.Comments.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Comments.Services;

/// <summary>
/// The comments under content items: reading an item's thread (one query) and the writes. Callers decide who
/// may do what (the page checks permissions, ownership and that the item is published).
/// </summary>
/// <remarks>An item's thread is cached in memory (every reader of a page sees the same one); every write below drops it
/// at once, with the pages stored for anonymous readers (<see cref="AnonymousPages"/>), and an entry lives at most
/// <see cref="CacheLifetime"/> (writes on other nodes).</remarks>
public sealed class CommentThreads(OnDemand<CommentsDbContext> data, TimeProvider clock, IMemoryCache cache, IOutputCacheStore pages)
{
    private CommentsDbContext Db => data.Value; // a cached thread needs none

    /// <summary>How long another node's write may take to show here.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    private static string Key(string contentItemId) => "comments:" + contentItemId;

    /// <summary>An item's comments, oldest first; hidden ones only for moderators.</summary>
    public async Task<IReadOnlyList<Comment>> ForItemAsync(string contentItemId, bool includeHidden, CancellationToken ct = default)
    {
        var key = Key(contentItemId);
        if (!cache.TryGetValue(key, out Comment[]? all))
        {
            all = await Db.Comments.AsNoTracking().Where(c => c.ContentItemId == contentItemId).OrderBy(c => c.Id).ToArrayAsync(ct);
            cache.Set(key, all, CacheLifetime);
        }
        return includeHidden || !all!.Any(c => c.Hidden) ? all! : all!.Where(c => !c.Hidden).ToArray();
    }

    public Task<Comment?> FindAsync(long id, CancellationToken ct = default) =>
        Db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Comment> PostAsync(string contentItemId, string author, string authorName, string markdown, CancellationToken ct = default)
    {
        var comment = new Comment
        {
            ContentItemId = contentItemId,
            Author = author,
            AuthorName = Cut(authorName, 100),
            Markdown = markdown,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        Db.Comments.Add(comment);
        await Db.SaveChangesAsync(ct);
        Db.ChangeTracker.Clear();
        await ForgetAsync(contentItemId);
        return comment;
    }

    /// <summary>A new version of the text; false when someone changed or removed the comment since <paramref name="comment"/> was read.</summary>
    public async Task<bool> EditAsync(Comment comment, string authorName, string markdown, CancellationToken ct = default)
    {
        var tracked = Db.Comments.Attach(Copy(comment)).Entity;
        tracked.Markdown = markdown;
        tracked.AuthorName = Cut(authorName, 100);
        tracked.Version = comment.Version + 1;
        tracked.EditedUtc = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(comment.ContentItemId, ct);
    }

    public async Task<bool> SetHiddenAsync(Comment comment, bool hidden, string moderator, CancellationToken ct = default)
    {
        var tracked = Db.Comments.Attach(Copy(comment)).Entity;
        tracked.Hidden = hidden;
        tracked.HiddenBy = hidden ? moderator : null;
        tracked.HiddenUtc = hidden ? clock.GetUtcNow().UtcDateTime : null;
        return await SaveAsync(comment.ContentItemId, ct);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        var item = await Db.Comments.Where(c => c.Id == id).Select(c => c.ContentItemId).FirstOrDefaultAsync(ct);
        var deleted = await Db.Comments.Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0;
        if (item is not null) await ForgetAsync(item);
        return deleted;
    }

    private async Task<bool> SaveAsync(string contentItemId, CancellationToken ct)
    {
        try
        {
            await Db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            Db.ChangeTracker.Clear();
            await ForgetAsync(contentItemId);
        }
    }

    // What an anonymous page shows of the thread is stored with the page: both go (not cancelled: the write is done).
    private async ValueTask ForgetAsync(string contentItemId)
    {
        cache.Remove(Key(contentItemId));
        await pages.EvictByTagAsync(AnonymousPages.Tag, CancellationToken.None);
    }

    // The caller's instance stays as it was read (it came from a no-tracking query).
    private static Comment Copy(Comment c) => new()
    {
        Id = c.Id, ContentItemId = c.ContentItemId, Author = c.Author, AuthorName = c.AuthorName, Markdown = c.Markdown,
        Version = c.Version, CreatedUtc = c.CreatedUtc, EditedUtc = c.EditedUtc, Hidden = c.Hidden, HiddenBy = c.HiddenBy, HiddenUtc = c.HiddenUtc,
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
