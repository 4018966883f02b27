using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// What the index should hold: the published items of the types readers search — cases, playbooks and drills, written
/// out here rather than taken from production's <c>Searchable</c> rule, so a wrong rule cannot agree with itself.
/// </summary>
public static class SearchableContent
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "CaseStudy", "Playbook", "Drill" };

    public static async Task<IReadOnlyList<ContentItem>> AllAsync(IServiceProvider services) =>
        (await services.GetRequiredService<PublishedContent>().AllAsync()).Where(i => Types.Contains(i.ContentType)).ToList();
}
