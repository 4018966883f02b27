namespace SalesAcademy.Improvement.Models;

/// <summary>
/// A reader's "was this helpful?" on one published version of a case, playbook or drill: one per reader and version,
/// changeable. A new version starts over (the reader is asked again).
/// </summary>
public sealed class HelpfulAnswer
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>The reader's user name.</summary>
    public string UserName { get; set; } = "";
    public bool Helpful { get; set; }
    /// <summary>Why (optional, plain text, at most <see cref="HelpfulRules.MaxReason"/> characters).</summary>
    public string? Reason { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ChangedUtc { get; set; }
}

public static class HelpfulRules
{
    public const int MaxReason = 500;
}
