using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Localization;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Services;

/// <summary>Every registered kind of notification, by key (the first registration of a key wins).</summary>
public sealed class NotificationKindCatalog(IEnumerable<NotificationKind> kinds)
{
    private readonly Dictionary<string, NotificationKind> _byKey = kinds.DistinctBy(k => k.Key).ToDictionary(k => k.Key, StringComparer.Ordinal);

    public IReadOnlyCollection<NotificationKind> All => _byKey.Values;

    /// <summary>The kind, or a plain one for a key nobody registered (it is delivered in-app by default).</summary>
    public NotificationKind Find(string key) => _byKey.TryGetValue(key, out var kind) ? kind : new NotificationKind(key, key);

    /// <summary>
    /// Where a notice of <paramref name="kind"/> goes for a user who chose <paramref name="route"/>: the choice is the one place it goes,
    /// except that a kind that needs an action is always also in-app.
    /// </summary>
    public static (bool InApp, string? Channel) Channels(NotificationKind kind, string? route) => (route ?? Routes.InApp) switch
    {
        Routes.Email => (kind.NeedsAction, DeliveryChannels.Email),
        Routes.Digest => (kind.NeedsAction, DeliveryChannels.Digest),
        Routes.Off => (kind.NeedsAction, null),
        _ => (true, null),
    };

    /// <summary>What is stored for a choice: a kind that needs an action cannot be turned off (it stays in-app).</summary>
    public static string Effective(NotificationKind kind, string route) =>
        !Routes.All.Contains(route) ? Routes.InApp : kind.NeedsAction && route == Routes.Off ? Routes.InApp : route;
}

/// <summary>One user's choices: a route per kind and the language of their e-mail. The only writer of both tables.</summary>
public sealed class NotificationPreferences(NotificationsDbContext db, NotificationKindCatalog kinds, ISiteSettings site, DatabaseWriteGate gate)
{
    public sealed record Choice(NotificationKind Kind, string Route);

    public async Task<IReadOnlyList<Choice>> RoutesAsync(string userName, CancellationToken ct = default)
    {
        var me = NotificationInbox.Key(userName);
        var chosen = await db.Routes.AsNoTracking().Where(r => r.Recipient == me).ToDictionaryAsync(r => r.Kind, r => r.Route, ct);
        return kinds.All.Select(k => new Choice(k, NotificationKindCatalog.Effective(k, chosen.GetValueOrDefault(k.Key) ?? Routes.InApp))).ToList();
    }

    /// <summary>The user's e-mail language: their choice, else the site's default language.</summary>
    public async Task<string> CultureAsync(string userName, CancellationToken ct = default)
    {
        var me = NotificationInbox.Key(userName);
        return await db.RecipientSettings.AsNoTracking().Where(s => s.Recipient == me).Select(s => s.Culture).FirstOrDefaultAsync(ct)
            ?? await SiteCultureAsync();
    }

    public async Task<string> SiteCultureAsync() =>
        (await site.GetAsync())?.DefaultCulture is { } c && PortalCultures.IsSupported(c) ? c : PortalCultures.Chinese;

    /// <summary>Saves the routes given (unknown kinds and routes are ignored) and the language; a NeedsAction kind is never off.</summary>
    public async Task SaveAsync(string userName, IReadOnlyDictionary<string, string> routes, string? culture, CancellationToken ct = default)
    {
        var me = NotificationInbox.Key(userName);
        var wanted = kinds.All.Where(k => routes.ContainsKey(k.Key))
            .ToDictionary(k => k.Key, k => NotificationKindCatalog.Effective(k, routes[k.Key]), StringComparer.Ordinal);
        using (await gate.EnterAsync(ct))
        {
            var existing = await db.Routes.Where(r => r.Recipient == me).ToListAsync(ct);
            foreach (var (kind, route) in wanted)
            {
                if (existing.FirstOrDefault(r => r.Kind == kind) is { } row) row.Route = route;
                else db.Routes.Add(new NotificationRoute { Recipient = me, Kind = kind, Route = route });
            }
            if (PortalCultures.IsSupported(culture))
            {
                if (await db.RecipientSettings.FirstOrDefaultAsync(s => s.Recipient == me, ct) is { } settings) settings.Culture = culture!;
                else db.RecipientSettings.Add(new RecipientSettings { Recipient = me, Culture = culture! });
            }
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
    }
}
