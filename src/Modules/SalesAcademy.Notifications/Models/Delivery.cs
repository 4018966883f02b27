namespace SalesAcademy.Notifications.Models;

/// <summary>
/// One outbox row: a notice to deliver on one channel to one recipient (a user name, or a team's webhook). Written in the
/// same SaveChanges as the in-app notification; the delivery service claims and sends it, retrying with back-off.
/// (Key, Recipient, Channel) is unique for keyed notices, so a re-run job adds nothing.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    /// <summary>The notice's idempotency key (a digest e-mail's is <c>digest:&lt;user&gt;:&lt;date&gt;</c>); null: never de-duplicated.</summary>
    public string? Key { get; set; }
    /// <summary>The user name (lower-cased) for e-mail and digest; <c>webhook:&lt;id&gt;</c> for a webhook.</summary>
    public string Recipient { get; set; } = "";
    /// <summary><see cref="DeliveryChannels"/>.</summary>
    public string Channel { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>English PO msgid with {0}… placeholders; <see cref="DeliveryChannels.DigestTemplate"/> for a digest e-mail.</summary>
    public string Template { get; set; } = "";
    public string Arguments { get; set; } = "[]";
    public string? Url { get; set; }
    public string? TeamId { get; set; }
    public long? WebhookId { get; set; }
    /// <summary><see cref="DeliveryStatus"/>.</summary>
    public string Status { get; set; } = DeliveryStatus.Queued;
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    /// <summary>Why the last attempt failed (never a webhook's address).</summary>
    public string? LastError { get; set; }
    /// <summary>The node sending it until <see cref="ClaimedUntil"/>; after that another node may take it.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    /// <summary>For a digest item: the digest e-mail that carries it.</summary>
    public long? DigestId { get; set; }
}

public static class DeliveryChannels
{
    public const string Email = "email";
    /// <summary>Collected into the recipient's daily digest e-mail (never sent alone).</summary>
    public const string Digest = "digest";
    public const string Webhook = "webhook";
    /// <summary>The template of a digest e-mail row (its items are the rows whose DigestId points at it).</summary>
    public const string DigestTemplate = "(digest)";
    public const string DigestKind = "digest";
}

public static class DeliveryStatus
{
    public const string Queued = "Queued";
    public const string Sent = "Sent";
    /// <summary>Gave up after the configured number of attempts; an administrator may retry it.</summary>
    public const string Failed = "Failed";
    /// <summary>A digest item waiting for the next digest e-mail.</summary>
    public const string Waiting = "Waiting";
    /// <summary>A digest item carried by a digest e-mail (<see cref="Delivery.DigestId"/>).</summary>
    public const string Bundled = "Bundled";
}

/// <summary>Where a user wants one kind of notification.</summary>
public sealed class NotificationRoute
{
    public string Recipient { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary><see cref="Routes"/>.</summary>
    public string Route { get; set; } = Routes.InApp;
}

public static class Routes
{
    public const string InApp = "inapp";
    public const string Email = "email";
    public const string Digest = "digest";
    public const string Off = "off";
    public static readonly string[] All = [InApp, Email, Digest, Off];
}

/// <summary>A user's delivery settings that are not per kind: the language of their e-mail.</summary>
public sealed class RecipientSettings
{
    public string Recipient { get; set; } = "";
    /// <summary>zh-CN or en.</summary>
    public string Culture { get; set; } = "zh-CN";
}

/// <summary>A team's outgoing chat webhook. The URL is a secret: stored as given, shown masked, never logged or returned.</summary>
public sealed class TeamWebhook
{
    public long Id { get; set; }
    public string TeamId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary><see cref="WebhookFormats"/>.</summary>
    public string Format { get; set; } = WebhookFormats.Generic;
    /// <summary>DingTalk's signing secret (SEC…), or null.</summary>
    public string? Secret { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

public static class WebhookFormats
{
    public const string Generic = "generic";
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string WeCom = "wecom";
    public const string DingTalk = "dingtalk";
    public static readonly string[] All = [Generic, Slack, Teams, WeCom, DingTalk];
}
