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
    internal static readonly Markdig.MarkdownPipeline PlainText = Markdig.MarkdownExtensions.UseFootnotes(Markdig.MarkdownExtensions.UseTaskLists(Markdig.MarkdownExtensions.UsePipeTables(new Markdig.MarkdownPipelineBuilder()))).Build();

    /// <summary>
    /// The standard parts (title, summary, body, tags) and what the type's own part declares through
    /// <see cref="IContentIndexed"/>: Search knows no type's fields.
    /// </summary>
    public SearchDocument Create(ContentItem item, TaxonomySnapshot taxonomy)
    {
        var type = definitions.Get(item.ContentType);
        // One parse of the item's JSON for every part (ContentItem.As parses it once per part type).
        var root = JsonNode.Parse(item.Content) as JsonObject ?? [];
        var title = Part<TitlePart>(root);
        var tags = Part<TagsPart>(root).Tags;
        var own = root[type.OwnPart.Name]?.Deserialize(type.OwnPart, ContentJson.Options) as IContentIndexed;

        var text = SearchText.Of(title.Summary, Part<MarkdownBodyPart>(root).Markdown, own?.IndexedText() ?? []);

        var tagText = new StringBuilder();
        // Field values that are taxonomy terms (a case's industry) are found by their labels in both languages, like tags.
        var termKeys = own is IContentTerms fieldTerms ? fieldTerms.Terms().Select(t => t.Key).Where(k => k.Length > 0) : [];
        foreach (var key in tags.Concat(termKeys))
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
            Facets = IndexedFacet.Of(own).ToList(),
            Text = text,
        };
    }

    // One plain-text renderer per thread, reset for each document (what Markdown.ToPlainText builds anew each time).
    [ThreadStatic] private static PlainTextRenderer? t_plainText;

    /// <summary>The Markdown as plain text, as <c>Markdown.ToPlainText</c> renders it.</summary>
    internal static string PlainTextOf(string markdown)
    {
        var renderer = t_plainText ??= new PlainTextRenderer();
        renderer.Clear();
        var document = Markdig.Markdown.Parse(markdown, PlainText);
        SearchText.StripHtml(document);
        renderer.Render(document);
        renderer.Writer.Flush();
        return renderer.Writer.ToString()!;
    }

    private sealed class PlainTextRenderer : Markdig.Renderers.HtmlRenderer
    {
        public PlainTextRenderer() : base(new StringWriter())
        {
            EnableHtmlForBlock = false;
            EnableHtmlForInline = false;
            EnableHtmlEscape = false;
            PlainText.Setup(this);
        }

        public void Clear() => Reset();
    }

    private static T Part<T>(JsonObject root) where T : class, new() =>
        root[typeof(T).Name]?.Deserialize<T>(ContentJson.Options) ?? new T();
}

/// <summary>The Lucene shape of a <see cref="SearchDocument"/>.</summary>
internal static class LuceneDocuments
{
    // The text is indexed with each word's offsets in the postings: snippets are cut from the stored text at those
    // offsets (Snippets), without term vectors (which cost a third of a rebuild) and without re-analysing the text.
    private static readonly FieldType StoredText = Frozen(new FieldType(TextField.TYPE_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS });
    private static readonly FieldType IndexedText = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS });

    // Titles and tag labels: "more like this" re-analyses their stored text (the title is stored as Title, the tag
    // labels here), which links items across languages through their tags.
    private static readonly FieldType StoredShortText = Frozen(new FieldType(TextField.TYPE_STORED));
    private static readonly FieldType ShortText = Frozen(new FieldType(TextField.TYPE_NOT_STORED));

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public const int LeadChars = 160;

    public static Term IdTerm(string id) => new(SearchFields.Id, id);

    /// <summary>
    /// Builds documents reusing its field instances (Lucene's advice for fast indexing; one builder per thread, a
    /// document used before the next is built): a new untokenized field per value costs a token stream and attribute
    /// instances created under a lock.
    /// </summary>
    public sealed class Builder
    {
        private readonly StringField _id = new(SearchFields.Id, "", Field.Store.YES), _type = new(SearchFields.Type, "", Field.Store.YES),
            _culture = new(SearchFields.Culture, "", Field.Store.YES), _titleKey = new(SearchFields.TitleKey, "", Field.Store.NO);
        private readonly StoredField _title = new(SearchFields.Title, ""), _url = new(SearchFields.Url, ""), _lead = new(SearchFields.Lead, ""),
            _date = new(SearchFields.Date, 0L);
        private readonly NumericDocValuesField _dateValue = new(SearchFields.Date, 0L);
        private readonly Field _titleZh = new(SearchFields.TitleZh, "", ShortText), _titleEn = new(SearchFields.TitleEn, "", ShortText),
            _textZh = new(SearchFields.TextZh, "", StoredText), _textEn = new(SearchFields.TextEn, "", IndexedText),
            _tagsZh = new(SearchFields.TagsZh, "", StoredShortText), _tagsEn = new(SearchFields.TagsEn, "", ShortText);
        private readonly Pool<StringField> _tags = new(() => new StringField(SearchFields.Tag, "", Field.Store.YES));
        private readonly Dictionary<string, Pool<StringField>> _filters = new(StringComparer.Ordinal);
        private readonly Pool<StringField> _audience = new(() => new StringField(SearchFields.Audience, "", Field.Store.NO));
        private readonly Dictionary<string, Pool<SortedSetDocValuesField>> _facets = new(StringComparer.Ordinal);

        public Document Build(SearchDocument d)
        {
            _tags.Reset();
            foreach (var pool in _filters.Values) pool.Reset();
            _audience.Reset();
            foreach (var pool in _facets.Values) pool.Reset();
            var doc = new Document();
            doc.Add(Set(_id, d.Id));
            doc.Add(Set(_type, d.Type));
            doc.Add(Set(_culture, d.Culture));
            doc.Add(Set(_title, d.Title));
            doc.Add(Set(_url, d.Url));
            doc.Add(Set(_lead, d.Text.Length <= LeadChars ? d.Text : d.Text[..LeadChars]));
            _date.SetInt64Value(d.DateUtc.Ticks);
            doc.Add(_date);
            _dateValue.SetInt64Value(d.DateUtc.Ticks);
            doc.Add(_dateValue);
            doc.Add(Set(_titleKey, d.Title.ToLowerInvariant()));
            doc.Add(Set(_titleZh, d.Title));
            doc.Add(Set(_titleEn, d.Title));
            doc.Add(Set(_textZh, d.Text));
            doc.Add(Set(_textEn, d.Text));
            if (d.TagText.Length > 0)
            {
                doc.Add(Set(_tagsZh, d.TagText));
                doc.Add(Set(_tagsEn, d.TagText));
            }
            Facet(doc, SearchFields.Type, d.Type);
            Facet(doc, SearchFields.Culture, d.Culture);
            foreach (var tag in d.Tags.Distinct(StringComparer.Ordinal))
            {
                doc.Add(Set(_tags.Next(), tag));
                Facet(doc, SearchFields.Tag, tag);
            }
            // A declared facet is a filter field (a term to match) and a facet (counts) under the name the type declared.
            foreach (var (name, value) in d.Facets)
            {
                if (!_filters.TryGetValue(name, out var filter))
                    _filters[name] = filter = new Pool<StringField>(() => new StringField(name, "", Field.Store.NO));
                doc.Add(Set(filter.Next(), value));
                Facet(doc, name, value);
            }
            foreach (var audience in d.Audience.Distinct(StringComparer.Ordinal))
                doc.Add(Set(_audience.Next(), audience));
            return doc;
        }

        private static Field Set(Field field, string value)
        {
            field.SetStringValue(value);
            return field;
        }

        private void Facet(Document doc, string name, string value)
        {
            if (!_facets.TryGetValue(name, out var pool))
                _facets[name] = pool = new Pool<SortedSetDocValuesField>(() => new SortedSetDocValuesField(SearchFields.FacetPrefix + name, new BytesRef()));
            var field = pool.Next();
            field.SetBytesValue(new BytesRef(value));
            doc.Add(field);
        }

        private sealed class Pool<T>(Func<T> create)
        {
            private readonly List<T> _items = [];
            private int _used;

            public T Next()
            {
                if (_used == _items.Count) _items.Add(create());
                return _items[_used++];
            }

            public void Reset() => _used = 0;
        }
    }
}
