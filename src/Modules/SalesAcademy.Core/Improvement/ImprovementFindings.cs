namespace SalesAcademy.Core.Improvement;

/// <summary>
/// One line of a finding's evidence: an English PO template the producing module translates in its zh-CN.po, its
/// arguments (plain text: numbers, a reader's quoted reason; encoded when shown) and an optional local link.
/// </summary>
public sealed record FindingEvidence(string Template, IReadOnlyList<string> Args, string? Url = null)
{
    /// <summary><see cref="Url"/> when it is a local path (never <c>//host</c> or <c>javascript:</c>), else null.</summary>
    public string? LocalUrl => Url is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}

/// <summary>
/// Something a module noticed that a trainer should look at (a flagged question, content due for verification, searches
/// that found nothing), for the improvement queue.
/// </summary>
/// <param name="Key">Stable per finding across runs (<c>search.nothing:crm pipeline</c>): re-detecting it never duplicates it.</param>
/// <param name="Source">What kind of finding, an English PO msgid the producing module translates ("Searches that found nothing").</param>
/// <param name="Title">What it is about (plain text: a question's title, the normalised query).</param>
/// <param name="ContentItemId">The content item it asks to change, or null (a search that found nothing).</param>
/// <param name="Owner">The user name of who should act (the content's owner), or null: every trainer.</param>
/// <param name="Weight">How much evidence there is (answers, searches, flags): a dismissed finding comes back when it grows.</param>
public sealed record ImprovementFinding(string Key, string Source, string Title, string? ContentItemId, string? Anchor, string? Owner,
    int Weight, IReadOnlyList<FindingEvidence> Evidence)
{
    /// <summary>Where the finding is seen in its module (a local path), or null.</summary>
    public string? Url { get; init; }

    /// <summary>The follow-up it is (<see cref="ContentFollowUp.Key"/>): resolving the item closes it through <see cref="IContentFollowUpResolver"/>.</summary>
    public string? FollowUpKey { get; init; }

    /// <summary>The team the finding comes from (a retro action's), or null.</summary>
    public string? TeamId { get; init; }
}

/// <summary>
/// A module that notices findings for the improvement queue. Register each with
/// <c>services.AddScoped&lt;IImprovementSource, …&gt;()</c>; the Improvement module asks every one on each run. Without the
/// Improvement module nobody asks.
/// </summary>
public interface IImprovementSource
{
    /// <summary>Every finding that holds now (one that no longer holds is simply left out).</summary>
    Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default);
}
