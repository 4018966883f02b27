using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.FollowUps;

/// <summary>An item someone owns, with the open follow-ups that ask to change it.</summary>
public sealed record OwnedItemFollowUps(string ContentItemId, string ContentType, string DisplayText, FollowUpList FollowUps);

/// <summary>Follow-ups of one item as a list shows them: each anchor (a stage key) with its title in the item (the stage's name).</summary>
public sealed record FollowUpList(IReadOnlyList<ContentFollowUp> Items, IReadOnlyList<ContentAnchor> Anchors)
{
    public static FollowUpList Of(IReadOnlyList<ContentFollowUp> items, ContentItem item, ContentDefinitions definitions) =>
        new(items, items.Any(f => f.Anchor is not null) ? definitions.Anchors(item) : []);

    /// <summary>The anchor's title, or the key itself when the item no longer has it (a stage renamed away).</summary>
    public string AnchorTitle(string anchor) => Anchors.FirstOrDefault(a => a.Key == anchor).Title ?? anchor;
}

/// <summary>
/// "Changes asked of your content": the open follow-ups (every <see cref="IContentFollowUpSource"/>) of the items a user
/// owns. An item's owner is a user name (compared case-insensitively, as user names are) or <c>training-team</c>, whose
/// items are every content editor's (content.edit.any: the trainers). It runs on every home page view, so it starts from
/// the open follow-ups (few) and reads only their items, never every item the user owns (a trainer owns the whole
/// training team's library).
/// </summary>
public sealed class OwnedFollowUps(ContentDbContext db, ContentAccess access, ContentDefinitions definitions, IContentFollowUps followUps)
{
    public async Task<IReadOnlyList<OwnedItemFollowUps>> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var me = user.UserName();
        if (user.Identity?.IsAuthenticated != true || me.Length == 0) return [];
        var open = await followUps.OpenAsync(null, ct);
        if (open.Count == 0) return [];
        var owners = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { me };
        if (await access.HasAsync(user, ContentPermissions.EditAny)) owners.Add(ContentOwners.TrainingTeam);
        var ids = open.Select(f => f.ContentItemId).Distinct(StringComparer.Ordinal).ToList();
        var items = (await db.Items.AsNoTracking()
            .Where(i => i.Latest && i.Owner != null && ids.Contains(i.ContentItemId)).ToListAsync(ct))
            .Where(i => owners.Contains(i.Owner!)).ToDictionary(i => i.ContentItemId, StringComparer.Ordinal);
        // Follow-ups arrive soonest due first: the item of the soonest comes first.
        return open.Where(f => items.ContainsKey(f.ContentItemId)).GroupBy(f => f.ContentItemId, StringComparer.Ordinal)
            .Select(g => new OwnedItemFollowUps(g.Key, items[g.Key].ContentType, items[g.Key].DisplayText, FollowUpList.Of(g.ToList(), items[g.Key], definitions)))
            .ToList();
    }
}
