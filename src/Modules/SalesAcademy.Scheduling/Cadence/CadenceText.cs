using System.Globalization;
using Microsoft.Extensions.Localization;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Cadence;

/// <summary>
/// A cadence in words, in the current UI culture (en, or zh-CN through the module's PO file). Cron expressions are
/// described for the common shapes, with one minute and one hour: every day; Monday to Friday; on given weekdays
/// (lists and ranges); on a day of the month; and "*/n" minutes or hours. Anything else is shown as the expression.
/// </summary>
public sealed class CadenceText(IStringLocalizer t)
{
    public string Describe(Cycle cycle) => cycle.Cadence switch
    {
        CadenceKind.Weekly => t["Every {0} at {1}", Day(cycle.DayOfWeek ?? DayOfWeek.Monday), Time(cycle.LocalTime)],
        CadenceKind.EveryTwoWeeks => t["Every other {0} at {1}", Day(cycle.DayOfWeek ?? DayOfWeek.Monday), Time(cycle.LocalTime)],
        CadenceKind.Monthly => t["On day {0} of every month at {1}", cycle.DayOfMonth ?? 1, Time(cycle.LocalTime)],
        _ => DescribeCron(cycle.Cron ?? ""),
    };

    /// <summary>The expression in words, or "Cron: expr" for a shape this does not know.</summary>
    public string DescribeCron(string cron) => TryDescribeCron(cron) ?? t["Cron: {0}", cron.Trim()];

    public string? TryDescribeCron(string cron)
    {
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 5) return null;
        var (minute, hour, dom, month, dow) = (f[0], f[1], f[2], f[3], f[4]);
        if (month != "*") return null;

        if (Step(minute) is { } everyMinutes && hour == "*" && dom == "*" && dow == "*")
            return everyMinutes == 1 ? t["Every minute"] : t["Every {0} minutes", everyMinutes];
        if (Number(minute, 59) is { } m0 && Step(hour) is { } everyHours && dom == "*" && dow == "*")
            return everyHours == 1 ? t["Every hour at minute {0}", m0] : t["Every {0} hours at minute {1}", everyHours, m0];

        if (Number(minute, 59) is not { } m || Number(hour, 23) is not { } h) return null;
        var at = Time(new TimeOnly(h, m));
        if (dom == "*" && dow == "*") return t["Every day at {0}", at];
        if (dom == "*" && (dow is "1-5" or "MON-FRI")) return t["Every weekday at {0}", at];
        if (dom == "*" && Days(dow) is { } days)
            return t["Every {0} at {1}", string.Join(t[", "], days.Select(Day)), at];
        if (Number(dom, 31) is { } d && d >= 1 && dow == "*") return t["On day {0} of every month at {1}", d, at];
        return null;
    }

    private string Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => t["Monday"],
        DayOfWeek.Tuesday => t["Tuesday"],
        DayOfWeek.Wednesday => t["Wednesday"],
        DayOfWeek.Thursday => t["Thursday"],
        DayOfWeek.Friday => t["Friday"],
        DayOfWeek.Saturday => t["Saturday"],
        _ => t["Sunday"],
    };

    private static string Time(TimeOnly at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static int? Number(string field, int max) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max ? n : null;

    private static int? Step(string field) =>
        field == "*" ? 1 : field.StartsWith("*/", StringComparison.Ordinal) && Number(field[2..], 59) is { } n && n > 0 ? n : null;

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    // "1,3,5", "1-3", "MON,WED"; 7 is Sunday too. Null for anything else (steps, L, #).
    private static List<DayOfWeek>? Days(string field)
    {
        var days = new SortedSet<int>();
        foreach (var part in field.Split(','))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2) return null;
            if (DayNumber(range[0]) is not { } from) return null;
            var to = range.Length == 2 ? DayNumber(range[1]) : from;
            if (to is null || to < from) return null;
            for (var d = from; d <= to; d++) days.Add(d % 7);
        }
        // Monday first, Sunday last, as a week reads in both languages here.
        return days.Count == 0 ? null : days.OrderBy(d => (d + 6) % 7).Select(d => (DayOfWeek)d).ToList();
    }

    private static int? DayNumber(string text) =>
        Number(text, 7) ?? (Array.IndexOf(DayNames, text.ToUpperInvariant()) is var i && i >= 0 ? i : null);
}
