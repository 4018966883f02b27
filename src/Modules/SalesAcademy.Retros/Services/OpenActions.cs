using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Services;

/// <summary>An open action with the retro it came from, for lists (the owner's home page, the lead's team view).</summary>
public sealed record OpenActionView(RetroAction Action, string RetroTitle, string? OwnerName);

/// <summary>Open actions: each owner's, each team's, and the daily due-date reminders to their owners.</summary>
public sealed class OpenActions(RetrosDbContext db, IUserDirectory users, IUserNotifications notifications, DatabaseWriteGate writes, TimeProvider clock)
{
    public const string DueNotice = "retro.action.due";

    public async Task<IReadOnlyList<OpenActionView>> OfOwnerAsync(string userId, CancellationToken ct = default) =>
        await ViewsAsync(db.Actions.Where(a => a.OwnerUserId == userId), ct);

    public async Task<IReadOnlyList<OpenActionView>> OfTeamAsync(string teamId, CancellationToken ct = default) =>
        await ViewsAsync(db.Actions.Where(a => a.TeamId == teamId), ct);

    private async Task<IReadOnlyList<OpenActionView>> ViewsAsync(IQueryable<RetroAction> actions, CancellationToken ct)
    {
        var rows = await actions.AsNoTracking().Where(a => a.Status == RetroActionStatus.Open || a.Status == RetroActionStatus.CarriedOver)
            .Join(db.Retros, a => a.RetroId, r => r.Id, (a, r) => new { Action = a, r.Title })
            .OrderBy(x => x.Action.DueUtc).ThenBy(x => x.Action.Id).Take(200).ToListAsync(ct);
        var names = await users.ByIdsAsync(rows.Select(r => r.Action.OwnerUserId).Distinct().ToList(), ct);
        return rows.Select(r => new OpenActionView(r.Action, r.Title, names.GetValueOrDefault(r.Action.OwnerUserId)?.DisplayName)).ToList();
    }

    /// <summary>
    /// Tells the owner of each open action due tomorrow or earlier, at most once a day per action (the notice is keyed
    /// <c>retro-action:{id}:due:{day}</c> and the day is recorded on the action). Returns how many were told.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = await db.Actions.Where(a => (a.Status == RetroActionStatus.Open || a.Status == RetroActionStatus.CarriedOver)
                && a.DueUtc <= today.AddDays(1) && (a.RemindedOn == null || a.RemindedOn < today))
            .OrderBy(a => a.Id).Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var owners = await users.ByIdsAsync(due.Select(a => a.OwnerUserId).Distinct().ToList(), ct);
        var told = 0;
        foreach (var action in due)
        {
            if (owners.GetValueOrDefault(action.OwnerUserId) is { } owner)
            {
                var template = action.DueUtc < today ? "Your retro action is overdue (due {0}): {1}" : "Your retro action is due {0}: {1}";
                await notifications.NotifyAsync([owner.UserName], new Notice(DueNotice, template,
                    [action.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), action.Text], $"/retros/{action.RetroId}#action-{action.Id}")
                    { Key = $"retro-action:{action.Id}:due:{today:yyyy-MM-dd}" }, ct);
                told++;
            }
            action.RemindedOn = today;
        }
        using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return told;
    }
}
