using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications;

/// <summary>In-app notifications: stored per recipient, shown on /notifications in the reader's language, counted in the header.</summary>
public sealed class NotificationsModule : PortalModule
{
    // Accounts signs users in; a notification belongs to a user name.
    public override ModuleManifest Manifest { get; } = new("notifications", "Notifications", "In-app notifications for each user (e.g. a comment on an item they own): /notifications and the unread count in the header.", "accounts");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(settings.Database, NotificationsDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        // Registered before Core's TryAddScoped fallback (NullUserNotifications), so this one wins.
        services.AddScoped<IUserNotifications, DbUserNotifications>();
        services.AddScoped<NotificationInbox>();
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Notifications", "/notifications", 1));
        services.AddSingleton(new HeaderIndicator("Notifications", "/notifications", "/notifications/badge"));
    }
}
