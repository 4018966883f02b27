using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Scheduling.Models;

/// <summary>Why a run exists: its fire time came, it makes up for fire times missed while the portal was down, or someone asked.</summary>
public enum RunTrigger { Scheduled = 0, CatchUp = 1, Manual = 2 }

/// <summary>Pending: not opened yet; Open: between opening and closing; Closed: done; Failed: a phase threw (see Error).</summary>
public enum RunStatus { Pending = 0, Open = 1, Closed = 2, Failed = 3 }

/// <summary>
/// One run of a cycle. (CycleId, ScheduledUtc) is unique: a trigger that fires twice, two nodes, or a recovered job
/// all find the same row, so a fire time is run once.
/// </summary>
public sealed class CycleRun
{
    public long Id { get; set; }
    public long CycleId { get; set; }
    /// <summary>The fire time this run is for (UTC); for a manual run, when it was asked for.</summary>
    public DateTime ScheduledUtc { get; set; }
    public RunTrigger Trigger { get; set; }
    public RunStatus Status { get; set; }

    /// <summary>The phase to do next, when <see cref="NextDueUtc"/> comes.</summary>
    public CyclePhase NextPhase { get; set; }
    public DateTime? NextDueUtc { get; set; }
    /// <summary>How many of the cycle's reminders are done or skipped.</summary>
    public int RemindersDone { get; set; }
    public DateTime? ClosesUtc { get; set; }
    /// <summary>A node working on a phase holds it until then; a node that died lets it go and another takes it again.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime? StartedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public int? Targeted { get; set; }
    public int? Completed { get; set; }
    /// <summary>Phases handed to a kind, retries included.</summary>
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public int Version { get; set; }
}
