using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesAcademy.Content.Models;

/// <summary>
/// One version of a content item. All versions of an item share <see cref="ContentItemId"/>; exactly one
/// is <see cref="Latest"/> (unless the item is deleted) and at most one is <see cref="Published"/>.
/// The item's parts live in <see cref="Content"/> as one JSON document keyed by part name.
/// </summary>
public sealed class ContentItem
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>1 for the first version, then +1 per version.</summary>
    public int Number { get; set; }
    public bool Latest { get; set; }
    public bool Published { get; set; }
    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public string DisplayText { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Culture { get; set; } = "";

    /// <summary>The parts as one JSON document. Not named by EF's backing-field convention, so EF goes through the property.</summary>
    public string Content
    {
        get => _json ?? Unpack();
        set { _json = value; _packed = null; _parts = null; _partCache = null; _facets = null; }
    }

    private string? _json = "{}";
    // A published snapshot holds every item of the library (10,000 at the scale target): there the document is kept
    // Brotli-compressed (about a fifth of the UTF-16 string) and parsed parts live in the snapshot's bounded cache, so
    // the resident set follows the pages being read, not the size of the library.
    private byte[]? _packed;
    private int _packedLength;
    private PartCache? _partCache;

    // Parts of an item being edited are deserialised once per instance.
    private ConcurrentDictionary<Type, object>? _parts;

    public T As<T>() where T : class, new() => (T)Get(typeof(T));

    public object Get(Type partType)
    {
        if (_packed is not null)
        {
            if (_parts?.TryGetValue(partType, out var small) == true) return small;
            if (_partCache!.TryGet(this, partType, out var large)) return large;
            var (part, isSmall) = ParsePacked(partType);
            if (isSmall) (_parts ??= new())[partType] = part;
            else _partCache.Set(this, partType, part);
            return part;
        }
        _parts ??= new();
        return _parts.GetOrAdd(partType, static (type, json) =>
        {
            using var document = JsonDocument.Parse(json);
            return Deserialize(document, type).Part;
        }, Content);
    }

    // A read-only JsonDocument, not a mutable JsonNode tree of the whole document: the published snapshot reads two parts
    // of every item (10,000 at the scale target) when it is built.
    private static (object Part, int Utf8Length) Deserialize(JsonDocument document, Type type) =>
        document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(type.Name, out var element)
            && element.ValueKind != JsonValueKind.Null
            ? (element.Deserialize(type, ContentJson.Options)!, System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element).Length)
            : (Activator.CreateInstance(type)!, 0);

    // A packed item keeps its small parts (tags, ownership, references: what list pages, filters and counts read for
    // every item) and leaves the large ones (bodies) to the bounded cache.
    private const int SmallPartBytes = 1024;

    private (object Part, bool Small) ParsePacked(Type type)
    {
        using var document = JsonDocument.Parse(UnpackUtf8());
        var (part, length) = Deserialize(document, type);
        return (part, length <= SmallPartBytes);
    }

    /// <summary>
    /// Values of a facet of a published snapshot item, known without parsing its parts: <c>tag</c>, and those its type
    /// declares (<see cref="IContentIndexed.IndexedFacets"/>, e.g. a case's <c>industry</c>). Another item reads its tags.
    /// </summary>
    public IReadOnlyList<string> FacetValues(string facet) =>
        _facets is not null ? _facets.GetValueOrDefault(facet) ?? []
        : facet == "tag" ? As<TagsPart>().Tags
        : throw new InvalidOperationException($"The facet values of {ContentItemId} are known once it is in the published snapshot.");

    private Dictionary<string, string[]>? _facets;

    /// <summary>
    /// Keeps the document compressed and the parsed parts in <paramref name="cache"/> (a published snapshot's items:
    /// read-only, shared by every request). <see cref="Content"/> still reads the whole document.
    /// </summary>
    internal void Pack(PartCache cache, Dictionary<string, string[]> facets)
    {
        _facets = facets;
        var json = Content;
        var utf8 = Encoding.UTF8.GetBytes(json);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        if (!BrotliEncoder.TryCompress(utf8, buffer, out var written, quality: 1, window: 22)) return;
        _packed = buffer.AsSpan(0, written).ToArray();
        _packedLength = utf8.Length;
        _json = null;
        _parts = null;
        _partCache = cache;
    }

    private string Unpack() => Encoding.UTF8.GetString(UnpackUtf8());

    private byte[] UnpackUtf8()
    {
        var utf8 = new byte[_packedLength];
        if (!BrotliDecoder.TryDecompress(_packed, utf8, out var written) || written != _packedLength)
            throw new InvalidDataException($"The packed document of content item {ContentItemId} is damaged.");
        return utf8;
    }

    /// <summary>Replaces a part; the caller is building a new (unsaved) version.</summary>
    public ContentItem Apply<T>(T part) where T : class => Apply(typeof(T), part);

    public ContentItem Apply(Type partType, object part)
    {
        var document = JsonNode.Parse(Content) as JsonObject ?? new JsonObject();
        document[partType.Name] = JsonSerializer.SerializeToNode(part, partType, ContentJson.Options);
        Content = document.ToJsonString(ContentJson.Options);
        _parts = null;
        return this;
    }

    /// <summary>A detached copy to edit into the next version.</summary>
    public ContentItem CloneForEdit() => new()
    {
        ContentItemId = ContentItemId, ContentType = ContentType, Owner = Owner, CreatedUtc = CreatedUtc,
        DisplayText = DisplayText, Slug = Slug, Culture = Culture, Content = Content,
    };
}

public static class ContentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
