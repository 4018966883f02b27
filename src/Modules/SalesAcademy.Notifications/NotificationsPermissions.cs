using SalesAcademy.Core.Security;

namespace SalesAcademy.Notifications;

public static class NotificationsPermissions
{
    /// <summary>Add and remove any team's chat webhooks (trainers, administrators).</summary>
    public const string Webhooks = "notifications.webhooks";
    /// <summary>The same for the teams one leads (team leads).</summary>
    public const string WebhooksOfTeam = "notifications.webhooks.team";
    /// <summary>See the delivery queue and failures on /admin/delivery and retry them (administrators only by default).</summary>
    public const string Delivery = "notifications.delivery";
}

internal sealed class NotificationsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(NotificationsPermissions.Webhooks, "Add and remove any team's chat webhooks"),
        new(NotificationsPermissions.WebhooksOfTeam, "Add and remove the chat webhooks of the teams you lead"),
        new(NotificationsPermissions.Delivery, "See queued and failed e-mail and webhook deliveries and retry them"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Trainer, NotificationsPermissions.Webhooks),
        (PortalRoles.Trainer, NotificationsPermissions.WebhooksOfTeam), // only so the menu item (guarded by this one) shows
        (PortalRoles.TeamLead, NotificationsPermissions.WebhooksOfTeam),
    ];
}
