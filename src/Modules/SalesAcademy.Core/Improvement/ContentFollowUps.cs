namespace SalesAcademy.Core.Improvement;

/// <summary>
/// An open item some module keeps that asks for a change to a content item (a retro action linked to a playbook stage,
/// later an insight about a weak question). The content item's owner and editors see it; the producing module closes it.
/// </summary>
/// <param name="Source">What kind of item it is, as an English PO msgid the producing module translates in its zh-CN.po
/// (e.g. "Retro action"); never user text.</param>
/// <param name="Title">What is asked, as its author wrote it (plain text: encoded when shown).</param>
/// <param name="Url">Where it is kept: a local path such as <c>/retros/12#action-3</c>, or null. Other values are not linked.</param>
/// <param name="ContentItemId">The content item it asks to change.</param>
/// <param name="Anchor">The part of the item it is about (a playbook stage key, a question id), or null for the whole item.</param>
public sealed record ContentFollowUp(string Source, string Title, string? Url, string ContentItemId, string? Anchor, DateTime? DueUtc, DateTime CreatedUtc)
{
    /// <summary>The link to show: <see cref="Url"/> when it is a local path (never <c>//host</c> or <c>javascript:</c>), else null.</summary>
    public string? LocalUrl => Url is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;

    /// <summary>Stable id of the follow-up in its module (<c>retro-action:12</c>), for <see cref="IContentFollowUpResolver"/>; null: not resolvable.</summary>
    public string? Key { get; init; }

    /// <summary>The team it belongs to (a retro action's), or null.</summary>
    public string? TeamId { get; init; }
}

/// <summary>
/// A module that keeps follow-ups. Register each with <c>services.AddScoped&lt;IContentFollowUpSource, …&gt;()</c>; several
/// modules may (retros, insights). Readers use <see cref="IContentFollowUps"/>, which asks every source.
/// </summary>
public interface IContentFollowUpSource
{
    /// <summary>
    /// The OPEN follow-ups (closed ones are left out) of the given content items, or of every item when
    /// <paramref name="contentItemIds"/> is null; one query either way. Open follow-ups are few (they are closed as they are
    /// done), so "every item" is how an owner's list is found without sending all the ids they own.
    /// </summary>
    Task<IReadOnlyList<ContentFollowUp>> OpenAsync(IReadOnlyCollection<string>? contentItemIds, CancellationToken ct = default);
}

/// <summary>
/// Every registered source's open follow-ups of some content items (null: of all content), soonest due first (undated
/// last), then oldest first. Without a source (no Retros module), none.
/// </summary>
public interface IContentFollowUps
{
    Task<IReadOnlyList<ContentFollowUp>> OpenAsync(IReadOnlyCollection<string>? contentItemIds, CancellationToken ct = default);
}

internal sealed class ContentFollowUps(IEnumerable<IContentFollowUpSource> sources) : IContentFollowUps
{
    public async Task<IReadOnlyList<ContentFollowUp>> OpenAsync(IReadOnlyCollection<string>? contentItemIds, CancellationToken ct = default)
    {
        if (contentItemIds is { Count: 0 }) return [];
        var all = new List<ContentFollowUp>();
        // One after the other: sources share the request's scoped database contexts.
        foreach (var source in sources) all.AddRange(await source.OpenAsync(contentItemIds, ct));
        var asked = contentItemIds?.ToHashSet(StringComparer.Ordinal);
        return all.Where(f => asked is null || asked.Contains(f.ContentItemId))
            .OrderBy(f => f.DueUtc ?? DateTime.MaxValue).ThenBy(f => f.CreatedUtc).ToList();
    }
}
