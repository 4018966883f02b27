namespace SalesAcademy.Content.Models;

/// <summary>Where a rep's contribution stands in the trainers' review.</summary>
public enum ContributionStatus { Draft, Submitted, Returned, Published }

/// <summary>An item a rep wrote from their own deal; trainers review it before it is published.</summary>
public sealed class ContentContribution
{
    public string ContentItemId { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>User name of the rep.</summary>
    public string Contributor { get; set; } = "";
    public string ContributorName { get; set; } = "";
    public ContributionStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }

    /// <summary>The contributor may change the item only while it is theirs to work on.</summary>
    public bool EditableByContributor => Status is ContributionStatus.Draft or ContributionStatus.Returned;
}

public enum ReviewNoteKind { Submitted, Comment, Returned, Published }

/// <summary>One entry of a contribution's review thread (the rep's submissions and the trainers' notes).</summary>
public sealed class ContentReviewNote
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string Author { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public ReviewNoteKind Kind { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}
