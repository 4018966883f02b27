namespace SalesAcademy.Improvement.Models;

public enum ImprovementStatus { Open, Dismissed, Resolved }

/// <summary>
/// One finding in the trainers' improvement queue, kept under the finding's stable <see cref="Key"/>: re-detection updates
/// its evidence, never adds a second item. A dismissed item stays dismissed until its evidence grows past what it was when
/// dismissed (<see cref="DismissedWeight"/>); an item whose finding no longer holds is <see cref="Stale"/> and not listed.
/// </summary>
public sealed class ImprovementItem
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    /// <summary>The finding's kind, an English PO msgid of the module that found it.</summary>
    public string Source { get; set; } = "";
    public string Title { get; set; } = "";
    public string? ContentItemId { get; set; }
    public string? Anchor { get; set; }
    /// <summary>Where the finding is seen (a local path), or null.</summary>
    public string? Url { get; set; }
    /// <summary>Who should act as the finding says (the content's owner); null: every trainer.</summary>
    public string? Owner { get; set; }
    /// <summary>The trainer it was assigned to; overrides <see cref="Owner"/>.</summary>
    public string? AssignedTo { get; set; }
    /// <summary>The evidence lines (<see cref="Core.Improvement.FindingEvidence"/>) as JSON.</summary>
    public string EvidenceJson { get; set; } = "[]";
    public int Weight { get; set; }
    /// <summary>The follow-up it came from (a retro action's key), closed when the item is resolved.</summary>
    public string? FollowUpKey { get; set; }
    public string? TeamId { get; set; }
    public ImprovementStatus Status { get; set; }
    public bool Stale { get; set; }
    public string? DismissReason { get; set; }
    public int? DismissedWeight { get; set; }
    /// <summary>The published version that addresses it (its version id and page).</summary>
    public string? ResolvedVersionId { get; set; }
    public string? ResolvedUrl { get; set; }
    public string? ClosedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime SeenUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// <summary>Concurrency token: every change bumps it.</summary>
    public int Sequence { get; set; }

    /// <summary>Who acts on it: the assignee, else the finding's owner, else null (every trainer).</summary>
    public string? EffectiveOwner => AssignedTo ?? Owner;
}
