using SalesAcademy.Core.Insights;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Services;

/// <summary>The Search module's answer to <see cref="IRelatedContent"/>: "more like this" over a text, public items only.</summary>
internal sealed class RelatedContent(SearchService search) : IRelatedContent
{
    public Task<IReadOnlyList<RelatedItem>> ForTextAsync(string text, IReadOnlyCollection<string> types, int max, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<RelatedItem>>(search.SimilarToText(text, SearchAudience.PublicOnly, types, Math.Clamp(max, 1, 50))
            .Select(h => new RelatedItem(h.Id, h.Type, h.Title, h.Url, h.Tags)).ToList());
}
