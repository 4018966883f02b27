using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>What the index should hold: the published items of searchable types (readers' types, not quizzes).</summary>
public static class SearchableContent
{
    public static async Task<IReadOnlyList<ContentItem>> AllAsync(IServiceProvider services)
    {
        var definitions = services.GetRequiredService<ContentDefinitions>();
        return (await services.GetRequiredService<PublishedContent>().AllAsync()).Where(i => definitions.Get(i.ContentType).Searchable).ToList();
    }
}
