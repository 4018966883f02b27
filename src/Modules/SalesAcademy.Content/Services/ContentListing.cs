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
        string.IsNullOrEmpty(tag) ? items : items.Where(i => i.As<TagsPart>().Tags.Contains(tag));

    public static IEnumerable<ContentItem> InCulture(this IEnumerable<ContentItem> items, string? culture) =>
        string.IsNullOrEmpty(culture) ? items : items.Where(i => i.Culture == culture);

    public static ContentListPage ToPage(this IEnumerable<ContentItem> items, int page)
    {
        var all = items as IReadOnlyList<ContentItem> ?? items.ToList(); // no copy of an unfiltered list
        var pageCount = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var first = (page - 1) * PageSize;
        var shown = new List<ContentItem>(PageSize);
        for (var i = first; i < Math.Min(all.Count, first + PageSize); i++) shown.Add(all[i]);
        return new ContentListPage(shown, page, pageCount, all.Count);
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
        Filter("tag", label, items, i => i.As<TagsPart>().Tags, taxonomy.Label, selected);

    public static ListFilter CultureFilter(IEnumerable<ContentItem> items, string label, string? selected) =>
        Filter("culture", label, items, i => [i.Culture], c => c == Core.Localization.PortalCultures.Chinese ? "中文" : "English", selected);
}
