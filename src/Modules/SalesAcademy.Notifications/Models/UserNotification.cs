namespace SalesAcademy.Notifications.Models;

/// <summary>One message for one user, kept as an English template plus its arguments and translated when shown.</summary>
public sealed class UserNotification
{
    public long Id { get; set; }
    /// <summary>The recipient's user name, lower-cased (user names compare case-insensitively).</summary>
    public string Recipient { get; set; } = "";
    /// <summary>English PO msgid with {0}… placeholders.</summary>
    public string Template { get; set; } = "";
    /// <summary>The template's arguments as a JSON array of strings.</summary>
    public string Arguments { get; set; } = "[]";
    /// <summary>A local path, or null when there is nothing to open.</summary>
    public string? Url { get; set; }
    /// <summary>The <see cref="SalesAcademy.Core.Notifications.NotificationKind"/> key.</summary>
    public string Kind { get; set; } = SalesAcademy.Core.Notifications.NotificationKinds.General;
    /// <summary>The notice's idempotency key: one in-app row per key and recipient. Null: never de-duplicated.</summary>
    public string? Key { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
}
