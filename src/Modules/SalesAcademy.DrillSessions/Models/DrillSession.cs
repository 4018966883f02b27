namespace SalesAcademy.DrillSessions.Models;

/// <summary>Where a session is: scheduled, running its steps, being scored, closed (scores final).</summary>
public enum DrillSessionStatus { Scheduled, Running, Scoring, Closed }

/// <summary>
/// One run of a published drill by one team. The drill as it was when the session was scheduled is pinned
/// (<see cref="DrillVersionId"/>, <see cref="DrillJson"/>): a later edit of the drill does not change a scheduled session.
/// Scheduled by hand (<see cref="CreatedByUserId"/>) or by a drill cycle (<see cref="CycleRunId"/>).
/// </summary>
public sealed class DrillSession
{
    public long Id { get; set; }
    public string TeamId { get; set; } = "";
    public string DrillContentItemId { get; set; } = "";
    /// <summary>The drill's published version the session was scheduled with (its ContentItemVersionId).</summary>
    public string DrillVersion { get; set; } = "";
    /// <summary>The drill's DrillPart as it was at that version (JSON): scenario, objectives, roles and briefs, steps, rubric.</summary>
    public string DrillJson { get; set; } = "{}";
    /// <summary>The drill's slug and culture at that version (to link to it and mark the text's language).</summary>
    public string DrillSlug { get; set; } = "";
    public string DrillCulture { get; set; } = "";
    /// <summary>The drill's title when the session was scheduled.</summary>
    public string Title { get; set; } = "";
    public DateTime ScheduledUtc { get; set; }
    /// <summary>Who runs the steps (null: not chosen yet; the team's leads, trainers and administrators may always).</summary>
    public string? FacilitatorUserId { get; set; }
    public DrillSessionStatus Status { get; set; } = DrillSessionStatus.Scheduled;
    /// <summary>The step being run (0-based), while <see cref="DrillSessionStatus.Running"/>.</summary>
    public int? CurrentStep { get; set; }
    /// <summary>When the current step started, by the server's clock (its time box ends Minutes later).</summary>
    public DateTime? StepStartedUtc { get; set; }
    /// <summary>Null: scheduled by a cycle.</summary>
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ScoringClosedUtc { get; set; }
    public DateTime? FinalizedUtc { get; set; }
    public string? FinalizedByUserId { get; set; }
    public string? FinalNote { get; set; }
    /// <summary>The cycle run that scheduled it (one session per run, team and drill).</summary>
    public long? CycleRunId { get; set; }
    /// <summary>Bumped by every accepted change: the page's poll fragment follows it, and two facilitators cannot both move a step.</summary>
    public int Sequence { get; set; }
}

/// <summary>Who plays which role in a session: a role of the drill, or <see cref="CustomerRole"/>. A person plays one role.</summary>
public sealed class DrillParticipant
{
    public const string CustomerRole = "Customer";

    public long Id { get; set; }
    public long SessionId { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>The drill role's name (DrillRole.Role), or "Customer".</summary>
    public string RoleKey { get; set; } = "";
}

public enum DrillSubmissionKind { Text, Attachment, Link }

/// <summary>What one participant handed in for one step: text, an uploaded file, or a link to a recording (http/https).</summary>
public sealed class DrillSubmission
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public int StepIndex { get; set; }
    public string UserId { get; set; } = "";
    public string RoleKey { get; set; } = "";
    public DrillSubmissionKind Kind { get; set; }
    public string? Text { get; set; }
    public string? Url { get; set; }
    public long? AttachmentId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// An uploaded file, stored outside the web root under <c>&lt;Portal:SharedDir&gt;/drill-sessions/&lt;sessionId&gt;/&lt;StoredName&gt;</c>
/// (a random name); <see cref="MediaType"/> is what its bytes are, not what its name claims.
/// </summary>
public sealed class DrillAttachment
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public string StoredName { get; set; } = "";
    /// <summary>The uploaded name (cleaned: no folders), only ever shown encoded or sent as a download name.</summary>
    public string OriginalName { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long Bytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedByUserId { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}

public enum DrillRaterKind { Self, Peer, Trainer }

/// <summary>One rater's score (1-5) of one role on one rubric criterion, with a comment; private to the rater until scoring closes.</summary>
public sealed class DrillRating
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public string RaterUserId { get; set; } = "";
    public DrillRaterKind RaterKind { get; set; }
    public string RateeRoleKey { get; set; } = "";
    /// <summary>The criterion's index in the pinned drill's rubric.</summary>
    public int CriterionIndex { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
