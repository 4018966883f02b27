using System.Collections.Concurrent;
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
    public string Content { get; set; } = "{}";

    // Parts are deserialised once per instance: published items are cached and read by many requests.
    private ConcurrentDictionary<Type, object>? _parts;

    public T As<T>() where T : class, new() => (T)Get(typeof(T));

    public object Get(Type partType)
    {
        _parts ??= new();
        return _parts.GetOrAdd(partType, static (type, json) =>
        {
            var node = (JsonNode.Parse(json) as JsonObject)?[type.Name];
            return node is null ? Activator.CreateInstance(type)! : node.Deserialize(type, ContentJson.Options)!;
        }, Content);
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
