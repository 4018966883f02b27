using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Delivery;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications;

/// <summary>
/// Notifications for each user and team: in-app (/notifications and the header's unread count), e-mail, a daily digest and
/// the teams' chat webhooks, through one outbox that delivers each notice once per recipient and channel.
/// </summary>
public sealed class NotificationsModule : PortalModule
{
    // Accounts signs users in and sends the e-mail; a notification belongs to a user name.
    public override ModuleManifest Manifest { get; } = new("notifications", "Notifications",
        "Notifications for each user (in-app, e-mail, a daily digest; each user routes each kind) and each team's chat webhooks, delivered through an outbox with retries.", "accounts");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(settings.Database, NotificationsDbContext.MigrationsTable);
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        // Registered before Core's TryAddScoped fallback (NullUserNotifications), so this one wins.
        services.AddScoped<IUserNotifications, DbUserNotifications>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<NotificationPreferences>();
        services.AddScoped<DeliveryOutbox>();
        services.AddScoped<TeamWebhooks>();
        services.AddSingleton<NotificationKindCatalog>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryService>());
        // A webhook's address is its secret: the client logs nothing (the factory's default handlers log every URL),
        // follows no redirect, and leaves timeouts to the Polly pipeline.
        services.AddHttpClient(DeliverySender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>().Value.AllowPrivateWebhookAddresses;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = (context, ct) => WebhookAddresses.ConnectAsync(context, allowPrivate, ct), // no posts into private networks
                };
            })
            .RemoveAllLoggers();
        services.AddSingleton<IPermissionProvider, NotificationsPermissionProvider>();
        services.AddNotificationKind(NotificationKinds.General, "Other notifications");

        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Notifications", "/notifications", 1));
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Notification settings", "/account/notifications", 2));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Deliveries", "/admin/delivery", 70, PortalPolicies.For(NotificationsPermissions.Delivery)));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Team webhooks", "/admin/webhooks", 71, PortalPolicies.For(NotificationsPermissions.WebhooksOfTeam)));
        services.AddSingleton(new HeaderIndicator("Notifications", "/notifications", "/notifications/badge"));
    }
}

internal sealed class DeliveryOptionsValidation : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
