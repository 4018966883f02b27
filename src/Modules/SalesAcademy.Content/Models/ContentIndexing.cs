namespace SalesAcademy.Content.Models;

/// <summary>
/// What a content type's own part gives the search index, declared by the type's module (like
/// <see cref="IContentReferences"/>): its text, each value with a label saying what it is, and its facet values.
/// Search indexes what the part declares and knows none of the type's fields.
/// </summary>
public interface IContentIndexed
{
    /// <summary>Searchable text of the part, in reading order (the title, summary and body are indexed for every type).</summary>
    IEnumerable<IndexedText> IndexedText();

    /// <summary>Values readers can narrow a search by (one facet may have several values).</summary>
    IEnumerable<IndexedFacet> IndexedFacets() => [];
}

/// <param name="Label">What the text is, in English (e.g. "Lessons"); empty or null text is left out.</param>
public readonly record struct IndexedText(string Label, string? Text)
{
    public static IEnumerable<IndexedText> Each(string label, IEnumerable<string?> texts) => texts.Select(t => new IndexedText(label, t));
}

/// <param name="Facet">The facet's name, also its filter parameter (e.g. <c>industry</c>); a blank value is left out.</param>
public readonly record struct IndexedFacet(string Facet, string? Value)
{
    /// <summary>
    /// The facet values a part declares, as readers filter by them: trimmed, blank ones left out. The search index and the
    /// published snapshot's list filters both take them from here, so a list filter and a search facet always agree.
    /// </summary>
    public static IEnumerable<(string Facet, string Value)> Of(IContentIndexed? part) =>
        (part?.IndexedFacets() ?? []).Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Facet, f.Value!.Trim()));
}
