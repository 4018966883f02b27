namespace SalesAcademy.Core.Insights;

/// <summary>A published item found for a text: its id, content type (e.g. <c>CaseStudy</c>), title and reader URL.</summary>
public sealed record RelatedItem(string ContentItemId, string ContentType, string Title, string Url, IReadOnlyList<string> Tags);

/// <summary>
/// Published items whose text is most like a given text (the weak questions of a team, for recommendations). The Search
/// module implements it over its index, public items only; without it, none.
/// </summary>
public interface IRelatedContent
{
    /// <param name="types">Only these content types (e.g. CaseStudy, Playbook, Drill); empty: every type.</param>
    Task<IReadOnlyList<RelatedItem>> ForTextAsync(string text, IReadOnlyCollection<string> types, int max, CancellationToken ct = default);
}

internal sealed class NoRelatedContent : IRelatedContent
{
    public Task<IReadOnlyList<RelatedItem>> ForTextAsync(string text, IReadOnlyCollection<string> types, int max, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<RelatedItem>>([]);
}
