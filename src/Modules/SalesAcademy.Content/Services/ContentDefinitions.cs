using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>The content types every module declared (via <c>services.AddContentType</c>).</summary>
public sealed class ContentDefinitions
{
    private readonly Dictionary<string, ContentTypeDefinition> _types;

    public ContentDefinitions(IEnumerable<ContentTypeDefinition> types)
    {
        _types = new(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!_types.TryAdd(type.Name, type)) throw new InvalidOperationException($"Content type '{type.Name}' is declared twice.");
        }
    }

    public IReadOnlyCollection<ContentTypeDefinition> Types => _types.Values;

    /// <summary>The page of a published item (<c>/cases/slug</c>).</summary>
    public string UrlFor(ContentItem item) => Get(item.ContentType).UrlFor(item.Slug);
    public ContentTypeDefinition? Find(string type) => _types.GetValueOrDefault(type);

    public ContentTypeDefinition Get(string type) =>
        Find(type) ?? throw new InvalidOperationException($"Unknown content type '{type}'. Known: {string.Join(", ", _types.Keys)}.");

    /// <summary>Field-level checks of every part of the item, plus the item's own columns.</summary>
    public List<ContentFieldError> Validate(ContentItem item)
    {
        var errors = new List<ContentFieldError>();
        if (Find(item.ContentType) is not { } type)
        {
            errors.Add(new("type", $"unknown content type '{item.ContentType}'; expected one of {string.Join(", ", _types.Keys)}"));
            return errors;
        }
        if (!ContentIds.IsValid(item.ContentItemId)) errors.Add(new("id", $"'{item.ContentItemId}' must be 3-64 characters of a-z, 0-9 and '-'"));
        if (!Core.Localization.PortalCultures.IsSupported(item.Culture)) errors.Add(new("culture", $"'{item.Culture}' must be zh-CN or en"));
        foreach (var partType in type.Parts) errors.AddRange(((IContentPart)item.Get(partType)).Validate());
        return errors;
    }

    /// <summary>Taxonomy groups that hold field values (industries), not tags.</summary>
    public IReadOnlySet<string> TermGroups => _termGroups ??= _types.Values.SelectMany(t => t.TermGroups).ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string>? _termGroups;

    public IEnumerable<ContentTerm> Terms(ContentItem item) =>
        Find(item.ContentType) is { } type && item.Get(type.OwnPart) is IContentTerms terms ? terms.Terms().Where(t => t.Key.Length > 0) : [];

    /// <summary>The item's named places (<see cref="IContentAnchors"/>, a playbook's stages); none for a type without them.</summary>
    public IReadOnlyList<ContentAnchor> Anchors(ContentItem item) =>
        Find(item.ContentType) is { } type && item.Get(type.OwnPart) is IContentAnchors anchors ? anchors.Anchors().Where(a => a.Key.Length > 0).ToList() : [];

    public IEnumerable<ContentReference> References(ContentItem item) =>
        Find(item.ContentType) is { } type && item.Get(type.OwnPart) is IContentReferences refs ? refs.References() : [];
}
