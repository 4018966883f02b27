namespace SalesAcademy.Content.Models;

/// <summary>
/// The content change log: one row per content write, in the same transaction as the write.
/// Followers (a node's cache, its search index) keep their own cursor on <see cref="Sequence"/>.
/// A <see cref="ContentChangeKind.Taxonomy"/> row names a tag instead of an item: <see cref="ContentItemId"/> holds the
/// term's key (empty when only a group changed) and <see cref="ContentType"/> is empty.
/// </summary>
public sealed class ContentChange
{
    public long Sequence { get; set; }
    public string ContentItemId { get; set; } = "";
    public string? ContentItemVersionId { get; set; }
    public string ContentType { get; set; } = "";
    public ContentChangeKind Kind { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public enum ContentChangeKind { Updated = 1, Unpublished = 2, Deleted = 3, Taxonomy = 4 }
