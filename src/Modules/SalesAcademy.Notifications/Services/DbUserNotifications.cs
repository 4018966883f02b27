using System.Text.Json;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Services;

/// <summary>Stores a notification as template + arguments; <see cref="NotificationText"/> translates it for the reader.</summary>
internal sealed class DbUserNotifications(NotificationsDbContext db, TimeProvider clock) : IUserNotifications
{
    /// <summary>Arguments are names and titles; a longer one is cut (the notification links to the whole thing).</summary>
    public const int MaxArgumentLength = 200;

    // Stored readable (Chinese names and titles as text, not \uXXXX); it is data, never written into HTML as is.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        ArgumentNullException.ThrowIfNull(args);
        if (template.Length > 500) throw new ArgumentException("A notification template has at most 500 characters.", nameof(template));
        // The list page redirects to the url: only paths on this site, or it becomes an open redirect.
        if (url is not null && !NotificationLinks.IsLocal(url)) throw new ArgumentException($"'{url}' is not a local path such as /cases/x.", nameof(url));

        db.Notifications.Add(new UserNotification
        {
            Recipient = NotificationInbox.Key(recipient),
            Template = template,
            Arguments = JsonSerializer.Serialize(args.Select(a => a is { Length: > MaxArgumentLength } ? a[..(MaxArgumentLength - 1)] + "…" : a ?? ""), Json),
            Url = url,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    // In-app only for now; the outbox (one delivery per key, recipient and channel) replaces these.
    public async Task NotifyAsync(IReadOnlyCollection<string> recipients, Notice notice, CancellationToken ct = default)
    {
        foreach (var recipient in recipients) await NotifyAsync(recipient, notice.Template, notice.Args, notice.Url, ct);
    }

    public Task NotifyTeamAsync(string teamId, Notice notice, CancellationToken ct = default) => Task.CompletedTask;
}

public static class NotificationLinks
{
    /// <summary>A path on this site: one leading '/', not '//' or '/\' (which browsers treat as another host).</summary>
    public static bool IsLocal(string url) =>
        url.Length is > 0 and <= 1000 && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\')
        && !url.Any(char.IsControl);
}
