namespace SalesAcademy.Core.Notifications;

/// <summary>
/// In-app notifications to one user. The message is an English PO msgid with {0}… placeholders, stored
/// with its arguments and localized when shown, so each reader sees their own language.
/// The Notifications module stores them; without it nothing is sent.
/// </summary>
public interface IUserNotifications
{
    Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default);
}

internal sealed class NullUserNotifications : IUserNotifications
{
    public Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default) => Task.CompletedTask;
}
