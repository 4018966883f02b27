using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.FollowUps;

/// <summary>
/// Closes the loop on a retro action linked to content: a trainer published a version that addresses it, so the action is
/// done with a link to that version, and the team hears of it on its channels (webhooks) and each member as they chose.
/// </summary>
public sealed class RetroActionResolver(RetrosDbContext db, DatabaseWriteGate writes, TimeProvider clock, ITeamDirectory teams,
    IUserDirectory users, IUserNotifications notifications, IAuditLog audit) : IContentFollowUpResolver
{
    public const string ResolvedNotice = "retro.action.resolved";
    public const string ResolvedTemplate = "Your team's retro action “{0}” is done: {1} addresses it.";

    public async Task<ResolvedFollowUp?> ResolveAsync(string key, FollowUpResolution resolution, CancellationToken ct = default)
    {
        const string prefix = "retro-action:";
        if (!key.StartsWith(prefix, StringComparison.Ordinal) || !long.TryParse(key[prefix.Length..], out var id)) return null;
        if (resolution.VersionUrl is not { Length: > 1 } url || url[0] != '/' || url[1] is '/' or '\\') return null;
        var now = clock.GetUtcNow().UtcDateTime;
        int changed;
        // One statement that only moves an open action: two trainers resolving at once close it once.
        using (await writes.EnterAsync(ct))
            changed = await db.Actions.Where(a => a.Id == id && (a.Status == RetroActionStatus.Open || a.Status == RetroActionStatus.CarriedOver))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, RetroActionStatus.Done).SetProperty(a => a.ClosedUtc, now)
                    .SetProperty(a => a.ResolvedUrl, url), ct);
        if (changed == 0) return null;
        var action = await db.Actions.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        await audit.RecordAsync("retro.action.resolve", $"retro-action:{id}", $"done by {resolution.ResolvedBy}: {url}", ct: ct);

        var notice = new Notice(ResolvedNotice, ResolvedTemplate, [action.Text, resolution.VersionLabel], url) { Key = $"retro-action:{id}:resolved" };
        var members = await users.ByIdsAsync(await teams.MemberIdsAsync([action.TeamId]), ct);
        await notifications.NotifyAsync(members.Values.Select(u => u.UserName).ToList(), notice, ct);
        await notifications.NotifyTeamAsync(action.TeamId, notice, ct);
        return new ResolvedFollowUp(key, action.Text, action.TeamId);
    }
}
