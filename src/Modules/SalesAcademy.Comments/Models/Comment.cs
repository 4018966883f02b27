namespace SalesAcademy.Comments.Models;

/// <summary>A reader's comment (Markdown) under a published content item.</summary>
public sealed class Comment
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    /// <summary>The author's user name (e-mail): who may edit and delete it.</summary>
    public string Author { get; set; } = "";
    /// <summary>The author's display name (their sign-in claim) when the comment was written or last edited.</summary>
    public string AuthorName { get; set; } = "";
    public string Markdown { get; set; } = "";
    /// <summary>1 when written, +1 per edit; with <see cref="Id"/> it keys the rendered HTML in the cache.</summary>
    public int Version { get; set; } = 1;
    public DateTime CreatedUtc { get; set; }
    public DateTime? EditedUtc { get; set; }
    /// <summary>Hidden by a moderator: gone for readers, shown marked to moderators.</summary>
    public bool Hidden { get; set; }
    public string? HiddenBy { get; set; }
    public DateTime? HiddenUtc { get; set; }
}
