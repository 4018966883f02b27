using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.FollowUps;

/// <summary>
/// Open retro actions linked to content, as follow-ups of that content (its studio page, its owner's home page): the
/// action's text, where it is kept in its retro, and its due day. Done and not-done actions are closed.
/// </summary>
public sealed class RetroActionFollowUps(RetrosDbContext db) : IContentFollowUpSource
{
    /// <summary>The kind of follow-up, a PO msgid (translated in the shared catalog).</summary>
    public const string Source = "Retro action";

    public async Task<IReadOnlyList<ContentFollowUp>> OpenAsync(IReadOnlyCollection<string>? contentItemIds, CancellationToken ct = default)
    {
        if (contentItemIds is { Count: 0 }) return [];
        var open = db.Actions.AsNoTracking().Where(a => a.LinkedContentItemId != null
            && (a.Status == RetroActionStatus.Open || a.Status == RetroActionStatus.CarriedOver));
        if (contentItemIds is not null)
        {
            var ids = contentItemIds.ToList();
            open = open.Where(a => ids.Contains(a.LinkedContentItemId!));
        }
        var actions = await open.OrderBy(a => a.Id).ToListAsync(ct);
        return actions.Select(a => new ContentFollowUp(Source, a.Text, Url(a), a.LinkedContentItemId!, a.LinkedAnchor,
            a.DueUtc.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), a.CreatedUtc) { Key = KeyOf(a.Id), TeamId = a.TeamId }).ToList();
    }

    /// <summary>The follow-up key of an action (<see cref="ContentFollowUp.Key"/>).</summary>
    public static string KeyOf(long actionId) => $"retro-action:{actionId}";

    /// <summary>The action on its retro's page (/retros/{id}, the summary once closed).</summary>
    public static string Url(RetroAction action) => $"/retros/{action.RetroId}#action-{action.Id}";
}
