using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Services;

/// <summary>Turns a published content item into what the index keeps, and that into a Lucene document.</summary>
public sealed class SearchDocumentFactory(ContentDefinitions definitions)
{
    private static readonly Markdig.MarkdownPipeline PlainText = Markdig.MarkdownExtensions.UseFootnotes(Markdig.MarkdownExtensions.UseTaskLists(Markdig.MarkdownExtensions.UsePipeTables(new Markdig.MarkdownPipelineBuilder()))).Build();

    public SearchDocument Create(ContentItem item, TaxonomySnapshot taxonomy)
    {
        var type = definitions.Get(item.ContentType);
        // One parse of the item's JSON for every part (ContentItem.As parses it once per part type).
        var root = JsonNode.Parse(item.Content) as JsonObject ?? [];
        var title = Part<TitlePart>(root);
        var tags = Part<TagsPart>(root).Tags;
        var own = root[type.OwnPart.Name] as JsonObject;

        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(title.Summary)) text.Append(title.Summary.Trim()).Append('\n');
        var markdown = Part<MarkdownBodyPart>(root).Markdown;
        if (!string.IsNullOrWhiteSpace(markdown)) text.Append(Markdig.Markdown.ToPlainText(markdown, PlainText).Trim()).Append('\n');
        if (own is not null) AppendStrings(own, text);

        var tagText = new StringBuilder();
        foreach (var key in tags)
        {
            var term = taxonomy.Find(key);
            tagText.Append(term?.Label(true) ?? key).Append(" / ").Append(term?.Label(false) ?? key).Append('\n');
        }

        return new SearchDocument
        {
            Id = item.ContentItemId,
            Type = item.ContentType,
            Title = string.IsNullOrWhiteSpace(title.Title) ? item.DisplayText : title.Title,
            Url = type.UrlFor(item.Slug),
            Culture = item.Culture,
            DateUtc = item.PublishedUtc ?? item.ModifiedUtc,
            Tags = tags,
            TagText = tagText.ToString(),
            Industry = (own?["industry"] as JsonValue)?.ToString(),
            Outcome = (own?["outcome"] as JsonValue)?.ToString(),
            Text = text.ToString(),
        };
    }

    private static T Part<T>(JsonObject root) where T : class, new() =>
        root[typeof(T).Name]?.Deserialize<T>(ContentJson.Options) ?? new T();

    /// <summary>Every string of the type's own part, except links to other items and enumeration codes.</summary>
    private static void AppendStrings(JsonNode node, StringBuilder text, string? property = null)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is null || name.StartsWith("related", StringComparison.Ordinal) || name is "dealSize" or "outcome" or "weight" or "minutes") continue;
                    AppendStrings(child, text, name);
                }
                break;
            case JsonArray array:
                foreach (var child in array) if (child is not null) AppendStrings(child, text, property);
                break;
            case JsonValue value when value.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s):
                text.Append(s.Trim()).Append('\n');
                break;
        }
    }
}

/// <summary>The Lucene shape of a <see cref="SearchDocument"/>.</summary>
internal static class LuceneDocuments
{
    // Term vectors with offsets: the FastVectorHighlighter cuts snippets without re-analysing text.
    private static readonly FieldType StoredText = Frozen(new FieldType(TextField.TYPE_STORED)
    {
        StoreTermVectors = true, StoreTermVectorPositions = true, StoreTermVectorOffsets = true,
    });
    private static readonly FieldType IndexedText = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        StoreTermVectors = true, StoreTermVectorPositions = true, StoreTermVectorOffsets = true,
    });

    // Titles and tag labels carry term vectors too: "more like this" then links items across languages through their tags.
    private static readonly FieldType ShortText = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { StoreTermVectors = true });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public const int LeadChars = 160;

    public static Term IdTerm(string id) => new(SearchFields.Id, id);

    public static Document Create(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, d.Id, Field.Store.YES),
            new StringField(SearchFields.Type, d.Type, Field.Store.YES),
            new StringField(SearchFields.Culture, d.Culture, Field.Store.YES),
            new StoredField(SearchFields.Title, d.Title),
            new StoredField(SearchFields.Url, d.Url),
            new StoredField(SearchFields.Lead, d.Text.Length <= LeadChars ? d.Text : d.Text[..LeadChars]),
            new StoredField(SearchFields.Date, d.DateUtc.Ticks),
            new NumericDocValuesField(SearchFields.Date, d.DateUtc.Ticks),
            new StringField(SearchFields.TitleKey, d.Title.ToLowerInvariant(), Field.Store.NO),
            new Field(SearchFields.TitleZh, d.Title, ShortText),
            new Field(SearchFields.TitleEn, d.Title, ShortText),
            new Field(SearchFields.TextZh, d.Text, StoredText),
            new Field(SearchFields.TextEn, d.Text, IndexedText),
        };
        if (d.TagText.Length > 0)
        {
            doc.Add(new Field(SearchFields.TagsZh, d.TagText, ShortText));
            doc.Add(new Field(SearchFields.TagsEn, d.TagText, ShortText));
        }
        Facet(doc, SearchFields.Type, d.Type);
        Facet(doc, SearchFields.Culture, d.Culture);
        foreach (var tag in d.Tags.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(SearchFields.Tag, tag, Field.Store.YES));
            Facet(doc, SearchFields.Tag, tag);
        }
        if (!string.IsNullOrWhiteSpace(d.Industry))
        {
            doc.Add(new StringField(SearchFields.Industry, d.Industry, Field.Store.NO));
            Facet(doc, SearchFields.Industry, d.Industry);
        }
        if (!string.IsNullOrWhiteSpace(d.Outcome))
        {
            doc.Add(new StringField(SearchFields.Outcome, d.Outcome, Field.Store.NO));
            Facet(doc, SearchFields.Outcome, d.Outcome);
        }
        foreach (var audience in d.Audience.Distinct(StringComparer.Ordinal))
            doc.Add(new StringField(SearchFields.Audience, audience, Field.Store.NO));
        return doc;
    }

    private static void Facet(Document doc, string name, string value) =>
        doc.Add(new SortedSetDocValuesField(SearchFields.FacetPrefix + name, new BytesRef(value)));
}
