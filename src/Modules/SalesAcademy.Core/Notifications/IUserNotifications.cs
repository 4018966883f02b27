using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Notifications;

/// <summary>
/// The one way every module reaches people: in-app, e-mail, the daily digest, and (for a team) its chat webhooks.
/// A message is kept as an English PO template plus its arguments and translated when it is shown or sent, so
/// each reader sees it in their own language; the calling module adds the template's zh-CN msgstr to its PO file.
/// The Notifications module stores and delivers them; without it nothing is sent.
/// </summary>
public interface IUserNotifications
{
    /// <summary>A notification of the <see cref="NotificationKinds.General"/> kind to one user.</summary>
    /// <param name="recipient">The user name (e-mail) of who is told.</param>
    /// <param name="template">English PO msgid with {0}, {1}… placeholders, one per argument.</param>
    /// <param name="args">Plain text filled into the template (encoded when shown, never markup).</param>
    /// <param name="url">Where following the notification leads: a local path such as <c>/cases/x#comment-5</c>.</param>
    Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default);

    /// <summary>
    /// Tells each recipient, on the channels each has chosen for <see cref="Notice.Kind"/>. With a <see cref="Notice.Key"/>,
    /// a recipient gets it at most once per channel however often this is called (a re-run job calls it again).
    /// </summary>
    Task NotifyAsync(IReadOnlyCollection<string> recipients, Notice notice, CancellationToken ct = default);

    /// <summary>Posts to the team's chat webhooks (none configured: nothing). Keyed like <see cref="NotifyAsync(IReadOnlyCollection{string}, Notice, CancellationToken)"/>.</summary>
    Task NotifyTeamAsync(string teamId, Notice notice, CancellationToken ct = default);
}

/// <summary>What is said, of which kind, and the key that makes saying it again a no-op.</summary>
/// <param name="Kind">A registered <see cref="NotificationKind.Key"/>; users route each kind (in-app, e-mail, digest, off).</param>
/// <param name="Template">English PO msgid with {0}, {1}… placeholders.</param>
/// <param name="Args">Plain text filled into the template.</param>
/// <param name="Url">A local path such as <c>/quizzes/x</c>, or null.</param>
public sealed record Notice(string Kind, string Template, IReadOnlyList<string> Args, string? Url)
{
    /// <summary>Idempotency key, e.g. <c>cycle-run:42:open</c>: delivered once per recipient and channel. Null: never de-duplicated.</summary>
    public string? Key { get; init; }
}

/// <summary>A kind of notification, listed on each user's preferences page.</summary>
/// <param name="Key">Stable key, e.g. <c>quiz-round.open</c>.</param>
/// <param name="Name">English PO msgid of its name on the preferences page; the module's zh-CN.po translates it.</param>
/// <param name="NeedsAction">Asks the reader to do something: in-app cannot be turned off for it.</param>
public sealed record NotificationKind(string Key, string Name, bool NeedsAction = false);

public static class NotificationKinds
{
    /// <summary>Everything sent without a kind of its own (the four-argument <c>NotifyAsync</c>).</summary>
    public const string General = "general";

    /// <summary>Registers a kind from a module's startup (singleton; the preferences page lists every one).</summary>
    public static IServiceCollection AddNotificationKind(this IServiceCollection services, string key, string name, bool needsAction = false) =>
        services.AddSingleton(new NotificationKind(key, name, needsAction));
}

internal sealed class NullUserNotifications : IUserNotifications
{
    public Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default) => Task.CompletedTask;
    public Task NotifyAsync(IReadOnlyCollection<string> recipients, Notice notice, CancellationToken ct = default) => Task.CompletedTask;
    public Task NotifyTeamAsync(string teamId, Notice notice, CancellationToken ct = default) => Task.CompletedTask;
}
