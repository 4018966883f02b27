using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>One filter drop-down of a list page: its options with how many items each would show.</summary>
public sealed record ListFilter(string Name, string Label, IReadOnlyList<ListFilterOption> Options, string? Selected);

public sealed record ListFilterOption(string Value, string Label, int Count);

public sealed record ContentListPage(IReadOnlyList<ContentItem> Items, int Page, int PageCount, int Total);

/// <summary>The filtering and paging every library list page shares.</summary>
public static class ContentListing
{
    public const int PageSize = 12;

    public static IEnumerable<ContentItem> WithTag(this IEnumerable<ContentItem> items, string? tag) =>
        string.IsNullOrEmpty(tag) ? items : items.Where(i => i.FacetValues("tag").Contains(tag));

    public static IEnumerable<ContentItem> InCulture(this IEnumerable<ContentItem> items, string? culture) =>
        string.IsNullOrEmpty(culture) ? items : items.Where(i => i.Culture == culture);

    /// <summary>
    /// One page of the items, counting the rest without copying them: at 10,000 items a copied list (128 KB of references)
    /// landed on the large-object heap at every request and the collections it caused cost more than the page itself.
    /// </summary>
    public static ContentListPage ToPage(this IEnumerable<ContentItem> items, int page)
    {
        if (items is IReadOnlyList<ContentItem> list) return PageOf(list.Count, page, (first, end) => Range(list, first, end));
        var (shown, total) = Scan(items, page);
        var pageCount = PageCount(total);
        // A page past the end shows the last one (a second pass, only then).
        return page > pageCount && total > 0 ? new(Scan(items, pageCount).Shown, pageCount, pageCount, total)
            : new(shown, Math.Clamp(page, 1, pageCount), pageCount, total);
    }

    private static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    private static ContentListPage PageOf(int total, int page, Func<int, int, List<ContentItem>> take)
    {
        var pageCount = PageCount(total);
        page = Math.Clamp(page, 1, pageCount);
        var first = (page - 1) * PageSize;
        return new ContentListPage(take(first, Math.Min(total, first + PageSize)), page, pageCount, total);
    }

    private static List<ContentItem> Range(IReadOnlyList<ContentItem> list, int first, int end)
    {
        var shown = new List<ContentItem>(PageSize);
        for (var i = first; i < end; i++) shown.Add(list[i]);
        return shown;
    }

    private static (List<ContentItem> Shown, int Total) Scan(IEnumerable<ContentItem> items, int page)
    {
        var first = (Math.Max(1, page) - 1) * PageSize;
        var shown = new List<ContentItem>(PageSize);
        var total = 0;
        foreach (var item in items)
        {
            if (total >= first && total < first + PageSize) shown.Add(item);
            total++;
        }
        return (shown, total);
    }

    /// <summary>A filter over values taken from each item (one or several per item), counted over <paramref name="items"/>.</summary>
    public static ListFilter Filter(string name, string label, IEnumerable<ContentItem> items, Func<ContentItem, IEnumerable<string>> values,
        Func<string, string> optionLabel, string? selected) =>
        new(name, label,
            items.SelectMany(i => values(i).Distinct()).Where(v => !string.IsNullOrWhiteSpace(v))
                .GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ListFilterOption(g.Key, optionLabel(g.Key), g.Count())).ToList(),
            selected);

    public static ListFilter TagFilter(IEnumerable<ContentItem> items, TaxonomySnapshot taxonomy, string label, string? selected) =>
        Filter("tag", label, items, i => i.FacetValues("tag"), taxonomy.Label, selected);

    public static ListFilter CultureFilter(IEnumerable<ContentItem> items, string label, string? selected) =>
        Filter("culture", label, items, i => [i.Culture], c => c == Core.Localization.PortalCultures.Chinese ? "中文" : "English", selected);
}
