using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Tests;

/// <summary>Paging a library list: the same pages whether the items are a list or a filter over one, and no copy of the rest.</summary>
public sealed class ContentListingTests
{
    private static readonly IReadOnlyList<ContentItem> Items =
        Enumerable.Range(0, 30).Select(i => new ContentItem { ContentItemId = $"item-{i:00}" }).ToList();

    private static IEnumerable<ContentItem> Filtered() => Items.Where(_ => true); // not a list: paged in one pass

    [Theory]
    [InlineData(1, 1, "item-00", 12)]
    [InlineData(3, 3, "item-24", 6)]
    [InlineData(9, 3, "item-24", 6)]   // past the end: the last page
    [InlineData(0, 1, "item-00", 12)]  // before the start: the first
    public void A_page_of_a_list_and_of_a_filter_over_it_are_the_same(int asked, int shown, string first, int count)
    {
        foreach (var items in new[] { Items, Filtered() })
        {
            var page = items.ToPage(asked);
            Assert.Equal((shown, 3, 30), (page.Page, page.PageCount, page.Total));
            Assert.Equal(first, page.Items[0].ContentItemId);
            Assert.Equal(count, page.Items.Count);
        }
    }

    [Fact]
    public void A_filter_is_read_in_one_pass()
    {
        var reads = 0;
        var page = Items.Where(_ => ++reads > 0).ToPage(2);
        Assert.Equal(30, reads);
        Assert.Equal(["item-12", "item-13"], page.Items.Take(2).Select(i => i.ContentItemId));
        Assert.Equal(12, page.Items.Count);
    }

    [Fact]
    public void Nothing_to_show_is_one_empty_page()
    {
        var page = Enumerable.Empty<ContentItem>().Where(_ => true).ToPage(4);
        Assert.Equal((1, 1, 0, 0), (page.Page, page.PageCount, page.Total, page.Items.Count));
    }
}
