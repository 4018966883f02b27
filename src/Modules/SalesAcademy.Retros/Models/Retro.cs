namespace SalesAcademy.Retros.Models;

/// <summary>The steps of a retrospective, in order; the facilitator moves it on one step at a time.</summary>
public enum RetroPhase { Review, Reflect, Group, Vote, Discuss, Actions, Closed }

/// <summary>
/// One retrospective of one team, run with a template's prompts (copied when it starts, so a later edit of the template
/// does not move cards). Started by hand (<see cref="StartedByUserId"/>) or by a retrospective cycle (<see cref="CycleRunId"/>).
/// </summary>
public sealed class Retro
{
    public long Id { get; set; }
    public string TeamId { get; set; } = "";
    public string Title { get; set; } = "";
    public string TemplateItemId { get; set; } = "";
    public string TemplateVersionId { get; set; } = "";
    /// <summary>The template's prompts as they were when the retro started (JSON list of <see cref="RetroPrompt"/>).</summary>
    public string PromptsJson { get; set; } = "[]";
    public RetroPhase Phase { get; set; } = RetroPhase.Review;
    /// <summary>Anonymous (the default): cards are stored without their author.</summary>
    public bool Anonymous { get; set; } = true;
    public int VoteBudget { get; set; } = 3;
    public int MaxVotesPerGroup { get; set; } = 2;
    /// <summary>Who moves the phases on (the starter; the team's leads, trainers and administrators may too). Null: started by a cycle.</summary>
    public string? StartedByUserId { get; set; }
    /// <summary>The cycle run that started it (one retro per run and team).</summary>
    public long? CycleRunId { get; set; }
    /// <summary>A deal review's deal, outcome (won / lost) and the roles that took part (comma-separated role keys).</summary>
    public string? DealName { get; set; }
    public string? DealOutcome { get; set; }
    public string? DealRoles { get; set; }
    /// <summary>How many people wrote cards, counted when reflect closes (afterwards no row can tell).</summary>
    public int Writers { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// <summary>Bumped by every accepted change: the live view polls it, and two facilitators cannot both move a phase.</summary>
    public int Sequence { get; set; }
}

/// <summary>A prompt cards are written under, in both languages.</summary>
public sealed record RetroPrompt(string Key, string TitleZh, string TitleEn, string? DescriptionZh, string? DescriptionEn);

/// <summary>
/// A card written under a prompt. An anonymous card has no <see cref="AuthorUserId"/>; while reflect is open its
/// <see cref="AuthorTag"/> (HMAC of the retro's secret and the author's id) lets its author edit it; the tag is nulled and the
/// secret deleted when reflect closes.
/// </summary>
public sealed class RetroCard
{
    public long Id { get; set; }
    public long RetroId { get; set; }
    public string PromptKey { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>Only on a named retro's cards.</summary>
    public string? AuthorUserId { get; set; }
    public string? AuthorTag { get; set; }
    public long? GroupId { get; set; }
}

/// <summary>The per-retro secret anonymous cards are tagged with during reflect; deleted when reflect closes.</summary>
public sealed class RetroSecret
{
    public long RetroId { get; set; }
    public byte[] Key { get; set; } = [];
}

/// <summary>A named group of cards; votes are cast on groups, and discussion notes are kept per group.</summary>
public sealed class RetroGroup
{
    public long Id { get; set; }
    public long RetroId { get; set; }
    public string Name { get; set; } = "";
    public string? Notes { get; set; }
}

/// <summary>One vote of one person on one group (a person may put several on a group, up to the retro's maximum).</summary>
public sealed class RetroVote
{
    public long Id { get; set; }
    public long RetroId { get; set; }
    public long GroupId { get; set; }
    public string UserId { get; set; } = "";
}

public enum RetroActionStatus { Open, Done, NotDone, CarriedOver }

/// <summary>
/// What the team agreed to do: an owner, a due date, optionally the content it should change (a playbook and stage, a drill,
/// a case, a question). Open and carried-over actions come back in the team's next retro (phase "review").
/// </summary>
public sealed class RetroAction
{
    public long Id { get; set; }
    public long RetroId { get; set; }
    public string TeamId { get; set; } = "";
    public string Text { get; set; } = "";
    public string OwnerUserId { get; set; } = "";
    /// <summary>The day it is due (a date, no time).</summary>
    public DateOnly DueUtc { get; set; }
    public RetroActionStatus Status { get; set; } = RetroActionStatus.Open;
    public string? LinkedContentItemId { get; set; }
    /// <summary>The linked item's content type (Playbook, Drill, Case, Question).</summary>
    public string? LinkedContentType { get; set; }
    /// <summary>Where in the item, e.g. a playbook stage key.</summary>
    public string? LinkedAnchor { get; set; }
    /// <summary>The team's focus until its next retro (at most one per retro).</summary>
    public bool IsFocus { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// <summary>The last day its owner was reminded that it is due.</summary>
    public DateOnly? RemindedOn { get; set; }
    /// <summary>The published content version that addressed it (a local path), when a trainer resolved it from the improvement queue.</summary>
    public string? ResolvedUrl { get; set; }

    public bool IsOpen => Status is RetroActionStatus.Open or RetroActionStatus.CarriedOver;
}

/// <summary>How a later retro found an earlier action: done, not done, or carried over, with a note.</summary>
public sealed class RetroActionReview
{
    public long Id { get; set; }
    public long RetroId { get; set; }
    public long ActionId { get; set; }
    public RetroActionStatus Outcome { get; set; }
    public string? Note { get; set; }
    public DateTime ReviewedUtc { get; set; }
}
