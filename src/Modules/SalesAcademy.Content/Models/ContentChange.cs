namespace SalesAcademy.Content.Models;

/// <summary>
/// The content change log: one row per content write, in the same transaction as the write.
/// Followers (a node's cache, its search index) keep their own cursor on <see cref="Sequence"/>.
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

public enum ContentChangeKind { Updated = 1, Unpublished = 2, Deleted = 3 }
