namespace SalesAcademy.Content.Models;

/// <summary>
/// A content type declared by a module: its parts (the standard ones plus the type's own part, whose
/// fields stand at the top level of the front matter), where its pages live and its export folder.
/// </summary>
public sealed class ContentTypeDefinition
{
    public static readonly Type[] StandardParts = [typeof(TitlePart), typeof(MarkdownBodyPart), typeof(TagsPart), typeof(RoutePart), typeof(OwnershipPart)];

    public ContentTypeDefinition(string name, string displayName, string listName, string routePrefix, string folder, Type ownPart)
    {
        if (!typeof(IContentPart).IsAssignableFrom(ownPart)) throw new ArgumentException($"{ownPart.Name} must implement IContentPart.");
        Name = name; DisplayName = displayName; ListName = listName; RoutePrefix = routePrefix; Folder = folder; OwnPart = ownPart;
        Parts = [.. StandardParts, ownPart];
    }

    public string Name { get; }
    /// <summary>English name; views localize it.</summary>
    public string DisplayName { get; }
    /// <summary>English name of the list page (e.g. "Cases"); views localize it.</summary>
    public string ListName { get; }
    /// <summary>Pages of this type live at <c>{RoutePrefix}/{slug}</c>.</summary>
    public string RoutePrefix { get; }
    /// <summary>Sub-folder of the content folder that export writes this type to.</summary>
    public string Folder { get; }
    public Type OwnPart { get; }
    public IReadOnlyList<Type> Parts { get; }

    /// <summary>
    /// Null: every reader sees the published items (lists, search, "what's new", the content API). Otherwise only
    /// holders of this permission read them (questions carry their answers): such items stay out of the reader-facing
    /// lists and search, and the content API answers 404 to everyone else; the type's module shows them to the holders.
    /// </summary>
    public string? ReadPermission { get; init; }

    public bool ReaderVisible => ReadPermission is null;

    /// <summary>Whether the search index holds this type's published items (only types readers see; quizzes are found on their own list).</summary>
    public bool Searchable { get => _searchable && ReaderVisible; init => _searchable = value; }

    private readonly bool _searchable = true;

    /// <summary>Whether readers may comment on the type's published items (opt-in; never for a type readers cannot see).</summary>
    public bool Commentable { get => _commentable && ReaderVisible; init => _commentable = value; }

    private readonly bool _commentable;

    /// <summary>
    /// Taxonomy groups whose terms are values of this type's fields (<see cref="IContentTerms"/>), not tags: the tag
    /// picker leaves them out and a tag may not name one of their terms.
    /// </summary>
    public IReadOnlyList<string> TermGroups { get; init; } = [];

    public string UrlFor(string slug) => $"{RoutePrefix}/{Uri.EscapeDataString(slug)}";
}
