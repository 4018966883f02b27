namespace SalesAcademy.Quizzes.Rounds;

/// <summary>assigned → completed (a finished attempt when the round closed) or missing (none).</summary>
public enum AssignmentState { Assigned = 0, Completed = 1, Missing = 2 }

/// <summary>
/// A quiz handed to one member by one run of a quiz-round cycle; unique on (run, member), so a phase that runs again
/// (a duplicate fire, a recovered node) finds the rows it wrote. The run's close time is the member's deadline.
/// </summary>
public sealed class QuizAssignment
{
    public long Id { get; set; }
    /// <summary>The cycle run (Scheduling module) that assigned it; only its id is kept.</summary>
    public long RunId { get; set; }
    public long CycleId { get; set; }
    public string QuizItemId { get; set; } = "";
    /// <summary>The first of the round's teams the member is in (whose lead gets the summary).</summary>
    public string TeamId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTime AssignedUtc { get; set; }
    /// <summary>When the round closes; null for a round that opens and closes at once.</summary>
    public DateTime? DueUtc { get; set; }
    /// <summary>Set once the member was told the round opened (the open phase tells only the members not told yet).</summary>
    public DateTime? NotifiedUtc { get; set; }
    public AssignmentState State { get; set; }
    /// <summary>When completed: the attempt that counts (the best finished one started in the round) and its score in percent.</summary>
    public long? AttemptId { get; set; }
    public double? Percent { get; set; }
    public DateTime? ClosedUtc { get; set; }
}

/// <summary>One review reminder: a member told on a day (in the team's time zone) how many review cards were due; one per member and day.</summary>
public sealed class ReviewReminder
{
    public string UserId { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Due { get; set; }
    public long RunId { get; set; }
    public DateTime SentUtc { get; set; }
}
