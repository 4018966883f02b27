namespace SalesAcademy.Core.Notifications;

/// <summary>
/// In-app notifications for one user ("Your contribution “{0}” was returned with requests.").
/// A message is kept as an English PO template plus its arguments and translated when it is shown, so
/// each reader sees it in their own language; the calling module adds the template's zh-CN msgstr to its PO file.
/// The Notifications module stores them; without it nothing is sent.
/// </summary>
public interface IUserNotifications
{
    /// <param name="recipient">The user name (e-mail) of who is told.</param>
    /// <param name="template">English PO msgid with {0}, {1}… placeholders, one per argument.</param>
    /// <param name="args">Plain text filled into the template (encoded when shown, never markup).</param>
    /// <param name="url">Where following the notification leads: a local path such as <c>/cases/x#comment-5</c>.</param>
    Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default);
}

internal sealed class NullUserNotifications : IUserNotifications
{
    public Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default) => Task.CompletedTask;
}
