namespace SalesAcademy.Core.Notifications;

/// <summary>
/// Sends one e-mail (the Accounts module's mailer: SMTP through MailKit, or the pickup folder when <c>Mail:Host</c> is empty).
/// Modules that mail (the notification outbox) use this rather than another module's mailer. Without Accounts nothing is sent.
/// </summary>
public interface IPortalMail
{
    /// <param name="text">The plain-text part.</param>
    /// <param name="html">An HTML alternative whose user text the caller has encoded, or null for plain text only.</param>
    Task SendAsync(string to, string subject, string text, string? html = null, CancellationToken ct = default);
}

internal sealed class NullPortalMail : IPortalMail
{
    public Task SendAsync(string to, string subject, string text, string? html = null, CancellationToken ct = default) => Task.CompletedTask;
}
