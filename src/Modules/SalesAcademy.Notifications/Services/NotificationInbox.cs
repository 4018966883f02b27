using Microsoft.EntityFrameworkCore;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Services;

/// <summary>One user's notifications: the list, the unread count, marking read. Every query is scoped to that user.</summary>
public sealed class NotificationInbox(NotificationsDbContext db, TimeProvider clock)
{
    public const int PageSize = 30;

    /// <summary>How a user name is stored: user names (e-mails) compare case-insensitively.</summary>
    public static string Key(string userName) => userName.Trim().ToLowerInvariant();

    public Task<int> UnreadCountAsync(string userName, CancellationToken ct = default)
    {
        var me = Key(userName);
        return db.Notifications.CountAsync(n => n.Recipient == me && n.ReadUtc == null, ct);
    }

    /// <summary>Newest first; <paramref name="before"/> is the id the previous page ended at.</summary>
    public async Task<NotificationPage> PageAsync(string userName, long? before, CancellationToken ct = default)
    {
        var me = Key(userName);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.Recipient == me && (before == null || n.Id < before))
            .OrderByDescending(n => n.Id).Take(PageSize + 1).ToListAsync(ct);
        return rows.Count > PageSize ? new(rows[..PageSize], rows[PageSize - 1].Id) : new(rows, null);
    }

    /// <summary>Marks one of the user's notifications read; null when the id is not one of theirs.</summary>
    public async Task<UserNotification?> MarkReadAsync(string userName, long id, CancellationToken ct = default)
    {
        var me = Key(userName);
        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.Recipient == me, ct);
        if (notification is { ReadUtc: null })
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Notifications.Where(n => n.Id == id && n.Recipient == me && n.ReadUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
            notification.ReadUtc = now;
        }
        return notification;
    }

    public Task<int> MarkAllReadAsync(string userName, CancellationToken ct = default)
    {
        var me = Key(userName);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.Recipient == me && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
    }
}

/// <param name="OlderThan">The cursor for the next (older) page, or null on the last page.</param>
public sealed record NotificationPage(IReadOnlyList<UserNotification> Items, long? OlderThan);
