using Cronos;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Cadence;

/// <summary>
/// A cycle's fire times in UTC, computed in its IANA time zone (Cronos). Across a daylight-saving change a local
/// time keeps its wall-clock hour: 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer. A local time
/// that does not exist that day (in the spring-forward gap) fires at the end of the gap; one that happens twice
/// (autumn) fires once, the first time.
/// </summary>
public sealed class CycleSchedule
{
    private readonly CronExpression _cron;
    private readonly DateOnly? _fortnightAnchor;

    private CycleSchedule(CronExpression cron, TimeZoneInfo zone, DateOnly? fortnightAnchor)
    {
        _cron = cron;
        Zone = zone;
        _fortnightAnchor = fortnightAnchor;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The cron expression a cadence amounts to (every two weeks: the weekly one, every other week kept).</summary>
    public static string CronOf(CadenceKind cadence, DayOfWeek? day, int? dayOfMonth, TimeOnly at, string? cron) => cadence switch
    {
        CadenceKind.Weekly or CadenceKind.EveryTwoWeeks => $"{at.Minute} {at.Hour} * * {(int)(day ?? DayOfWeek.Monday)}",
        CadenceKind.Monthly => $"{at.Minute} {at.Hour} {dayOfMonth ?? 1} * *",
        _ => cron?.Trim() ?? "",
    };

    /// <summary>Null and a message when the cron expression cannot be read.</summary>
    public static (CycleSchedule? Schedule, string? Error) TryCreate(CadenceKind cadence, DayOfWeek? day, int? dayOfMonth, TimeOnly at,
        string? cron, TimeZoneInfo zone, DateOnly? anchor)
    {
        var text = CronOf(cadence, day, dayOfMonth, at, cron);
        try
        {
            // Six fields: seconds first (a cycle due every few seconds, for tests and drills of the cluster).
            var format = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            var expression = CronExpression.Parse(text, format);
            return (new CycleSchedule(expression, zone, cadence == CadenceKind.EveryTwoWeeks ? anchor : null), null);
        }
        catch (CronFormatException ex)
        {
            return (null, $"The cron expression '{text}' cannot be read: {ex.Message}");
        }
    }

    public static CycleSchedule For(Cycle cycle, TimeZoneInfo zone) =>
        TryCreate(cycle.Cadence, cycle.DayOfWeek, cycle.DayOfMonth, cycle.LocalTime, cycle.Cron, zone, cycle.AnchorDate) is { Schedule: { } s }
            ? s : throw new InvalidOperationException($"Cycle {cycle.Id} has a cadence that cannot be read.");

    /// <summary>The first fire time strictly after <paramref name="afterUtc"/>; null if there is none.</summary>
    public DateTime? NextAfter(DateTime afterUtc)
    {
        var from = afterUtc;
        for (var guard = 0; guard < 1000; guard++)
        {
            var next = _cron.GetNextOccurrence(from, Zone, inclusive: false);
            if (next is null || Keeps(next.Value)) return next;
            from = next.Value;
        }
        return null;
    }

    /// <summary>
    /// The fire times in (<paramref name="afterUtc"/>, <paramref name="untilUtc"/>]: the latest one and how many there
    /// were (counted up to 10,000; more is still "many").
    /// </summary>
    public (DateTime? Latest, int Count) Due(DateTime afterUtc, DateTime untilUtc)
    {
        DateTime? latest = null;
        var count = 0;
        if (untilUtc <= afterUtc) return (null, 0);
        foreach (var at in _cron.GetOccurrences(afterUtc, untilUtc, Zone, fromInclusive: false, toInclusive: true))
        {
            if (!Keeps(at)) continue;
            latest = at;
            if (++count >= 10_000) return (NextBefore(untilUtc, at), count);
        }
        return (latest, count);
    }

    // Past the cap: walk forward from the last one counted to the latest before the end.
    private DateTime NextBefore(DateTime untilUtc, DateTime from)
    {
        var latest = from;
        while (NextAfter(latest) is { } next && next <= untilUtc) latest = next;
        return latest;
    }

    /// <summary>Every two weeks: the weekly fire times a whole number of fortnights from the anchor date.</summary>
    private bool Keeps(DateTime utc)
    {
        if (_fortnightAnchor is not { } anchor) return true;
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));
        return ((local.DayNumber - anchor.DayNumber) % 14 + 14) % 14 == 0;
    }
}
