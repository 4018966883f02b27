using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// List filters and their counts are built once per content change (issue 13 §2), not per request: a publish shows
/// in the drop-downs on the next view, and a reader's selection never leaks into the next reader's page.
/// </summary>
public sealed class ListFilterCacheTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task A_published_case_changes_the_filter_counts_on_the_next_view_and_selections_stay_per_request()
    {
        using var client = portal.Factory.CreateClient();
        string? Industry(PortalPage page, string value) =>
            page.All("select#filter-industry option").FirstOrDefault(o => o.GetAttribute("value") == value)?.Clean();

        var before = await client.GetPageAsync("/cases");
        Assert.Null(Industry(before, "Cache Testing"));
        var selected = await client.GetPageAsync("/cases?outcome=lost");
        Assert.NotNull(selected.One("#filter-outcome option[value='lost'][selected]"));
        Assert.Null((await client.GetPageAsync("/cases")).One("#filter-outcome option[selected][value]:not([value=''])"));

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var item = manager.New("CaseStudy", "case-filter-cache");
            item.Culture = "en";
            item.Apply(new TitlePart { Title = "Filter cache case", Summary = "A case in a new industry." });
            item.Apply(new RoutePart { Slug = "filter-cache-case" });
            item.Apply(new MarkdownBodyPart { Markdown = "## Story\n\nNew industry." });
            item.Apply(new OwnershipPart { Owner = "content-team" });
            item.Apply(new CaseStudyPart { Company = "Cache Co", Industry = "Cache Testing", DealSize = "small", Outcome = "won", Roles = ["AccountManager"] });
            await manager.CreateAsync(item, "tests", publish: true);
        }

        Assert.Equal("Cache Testing (1)", Industry(await client.GetPageAsync("/cases"), "Cache Testing"));
    }
}
