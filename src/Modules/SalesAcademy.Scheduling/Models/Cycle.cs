namespace SalesAcademy.Scheduling.Models;

/// <summary>How often a cycle opens: weekly, every two weeks or monthly at a local time, or a cron expression.</summary>
public enum CadenceKind { Weekly = 0, EveryTwoWeeks = 1, Monthly = 2, Cron = 3 }

/// <summary>
/// A scheduled cycle: a kind (quiz round, verification sweep…) run for some teams on a cadence, in a time zone.
/// Each time it opens is one <see cref="CycleRun"/>.
/// </summary>
public sealed class Cycle
{
    public long Id { get; set; }
    /// <summary>The <see cref="Core.Scheduling.ICycleKind.Key"/> that runs it.</summary>
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public List<CycleTeam> Teams { get; set; } = [];

    public CadenceKind Cadence { get; set; }
    /// <summary>Weekly and every two weeks: the day.</summary>
    public DayOfWeek? DayOfWeek { get; set; }
    /// <summary>Monthly: the day of the month, 1–28 (every month has it).</summary>
    public int? DayOfMonth { get; set; }
    /// <summary>The local time it opens at (not used by a cron cadence).</summary>
    public TimeOnly LocalTime { get; set; }
    /// <summary>A cron expression (minute hour day month weekday; six fields: seconds first), read in <see cref="TimeZone"/>.</summary>
    public string? Cron { get; set; }
    /// <summary>Every two weeks: a local date it fires on; the others are whole fortnights from it.</summary>
    public DateOnly? AnchorDate { get; set; }
    /// <summary>IANA zone its times are read in; null: the first target team's zone (else the site's).</summary>
    public string? TimeZone { get; set; }

    /// <summary>How long each run stays open, in minutes; null: the run opens and closes at once (a sweep, a reminder).</summary>
    public int? OpenMinutes { get; set; }
    /// <summary>Minutes before a run closes at which the kind reminds, e.g. "1440,60"; empty: none.</summary>
    public string ReminderMinutes { get; set; } = "";
    /// <summary>The kind's own settings as JSON (e.g. which quiz).</summary>
    public string Settings { get; set; } = "{}";

    public bool Active { get; set; } = true;
    /// <summary>Only fire times after this count: set at creation, at resume and when the cadence changes, so a pause or an edit is not caught up.</summary>
    public DateTime ScheduleFromUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Saves name the version they were based on (optimistic concurrency).</summary>
    public int Version { get; set; }

    public IReadOnlyList<int> Reminders() =>
        ReminderMinutes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).OrderDescending().ToList();
}

/// <summary>A team a cycle is run for (the team lives in the Teams module; only its id is kept).</summary>
public sealed class CycleTeam
{
    public long CycleId { get; set; }
    public string TeamId { get; set; } = "";
}
