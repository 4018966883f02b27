using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Delivery;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Services;

/// <summary>A webhook as pages show it: never its address, only the masked form.</summary>
public sealed record WebhookView(long Id, string TeamId, string Name, string Format, string MaskedUrl, bool Signed, DateTime CreatedUtc);

/// <summary>
/// The teams' chat webhooks: the only writer of their table. Who may manage which team's: <see cref="NotificationsPermissions.Webhooks"/>
/// every team's, <see cref="NotificationsPermissions.WebhooksOfTeam"/> those the user leads (team role Lead in the Teams directory).
/// </summary>
public sealed class TeamWebhooks(NotificationsDbContext db, IAuthorizationService authorization, ITeamDirectory teams, IAuditLog audit,
    DatabaseWriteGate gate, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    /// <summary>The teams the user may manage webhooks of (by name); null when none at all.</summary>
    public async Task<IReadOnlyList<TeamName>?> TeamsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (await authorization.HasPermissionAsync(user, NotificationsPermissions.Webhooks)) return await teams.AllTeamsAsync(ct);
        if (!await authorization.HasPermissionAsync(user, NotificationsPermissions.WebhooksOfTeam) || user.UserId() is not { } me) return null;
        var led = (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == TeamRoles.Lead).Select(t => t.TeamId).ToHashSet(StringComparer.Ordinal);
        return (await teams.AllTeamsAsync(ct)).Where(t => led.Contains(t.Id)).ToList();
    }

    public async Task<IReadOnlyList<WebhookView>> ListAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default)
    {
        var rows = await db.Webhooks.AsNoTracking().Where(w => teamIds.Contains(w.TeamId)).OrderBy(w => w.TeamId).ThenBy(w => w.Id).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public static WebhookView View(TeamWebhook w) => new(w.Id, w.TeamId, w.Name, w.Format, WebhookMessages.Mask(w.Url), !string.IsNullOrEmpty(w.Secret), w.CreatedUtc);

    /// <summary>Adds a webhook to a team the user may manage; the errors name the field (English PO msgids).</summary>
    public async Task<(WebhookView? Added, IReadOnlyList<(string Field, string Error)> Errors)> AddAsync(ClaimsPrincipal user, string teamId, string? name,
        string? format, string? url, string? secret, CancellationToken ct = default)
    {
        if ((await TeamsAsync(user, ct))?.Any(t => t.Id == teamId) != true) return (null, [("TeamId", "Choose one of your teams.")]);
        var errors = new List<(string, string)>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) errors.Add(("Name", "Give the webhook a name of at most 100 characters."));
        if (format is null || !WebhookFormats.All.Contains(format)) errors.Add(("Format", "Choose the chat tool."));
        if (WebhookMessages.Problem(url, options.Value.AllowHttpWebhooks, options.Value.AllowPrivateWebhookAddresses) is { } problem) errors.Add(("Url", problem));
        secret = string.IsNullOrWhiteSpace(secret) ? null : secret.Trim();
        if (secret is { Length: > 200 }) errors.Add(("Secret", "The signing secret has at most 200 characters."));
        if (secret is not null && format != WebhookFormats.DingTalk) errors.Add(("Secret", "Only DingTalk webhooks are signed with a secret."));
        if (errors.Count > 0) return (null, errors);

        var hook = new TeamWebhook
        {
            TeamId = teamId, Name = name!, Format = format!, Url = url!.Trim(), Secret = secret,
            CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = user.Identity!.Name ?? "",
        };
        using (await gate.EnterAsync(ct))
        {
            db.Webhooks.Add(hook);
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        // The audit names the team, the hook and the masked address: the address itself is a secret.
        await audit.RecordAsync("notifications.webhook.add", $"team:{teamId}", $"{hook.Id} {hook.Name} {hook.Format} {WebhookMessages.Mask(hook.Url)}", ct: ct);
        return (View(hook), []);
    }

    /// <summary>Removes a webhook of a team the user may manage; false when there is no such webhook for them.</summary>
    public async Task<bool> RemoveAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
    {
        var mine = (await TeamsAsync(user, ct))?.Select(t => t.Id).ToList() ?? [];
        var hook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id && mine.Contains(w.TeamId), ct);
        if (hook is null) return false;
        using (await gate.EnterAsync(ct))
            await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(ct);
        await audit.RecordAsync("notifications.webhook.remove", $"team:{hook.TeamId}", $"{hook.Id} {hook.Name} {WebhookMessages.Mask(hook.Url)}", ct: ct);
        return true;
    }
}
