using System.Globalization;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling.Management;

/// <summary>
/// The cycle editor's fields, as typed (strings, so a refused value comes back exactly as it was written).
/// Durations are written like <c>3d</c>, <c>24h</c>, <c>90m</c> (a bare number is hours); reminders are a list of them.
/// </summary>
public sealed partial class CycleForm
{
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public List<string> TeamIds { get; set; } = [];
    public string Cadence { get; set; } = "weekly";
    public string Day { get; set; } = "Monday";
    public string DayOfMonth { get; set; } = "1";
    public string Time { get; set; } = "09:00";
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string OpenFor { get; set; } = "";
    public string Reminders { get; set; } = "";
    public bool Active { get; set; } = true;
    public int Version { get; set; }
    /// <summary>Each kind's settings as typed, keyed "&lt;kind&gt;.&lt;field&gt;" (the form shows every kind's fields; only the chosen kind's count).</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The form's key of a kind's setting.</summary>
    public static string SettingKey(string kind, string field) => kind + "." + field;

    public string Setting(string kind, string field) => Settings.GetValueOrDefault(SettingKey(kind, field)) ?? "";

    /// <summary>The chosen kind's settings as the JSON the cycle stores.</summary>
    public string SettingsJson() => CycleSettings.Write(Settings
        .Where(s => s.Key.StartsWith(Kind + ".", StringComparison.Ordinal))
        .Select(s => new KeyValuePair<string, string>(s.Key[(Kind.Length + 1)..], s.Value ?? "")));

    public static readonly string[] Cadences = ["weekly", "every-two-weeks", "monthly", "cron"];

    public static string CadenceName(CadenceKind kind) => kind switch
    {
        CadenceKind.Weekly => "weekly",
        CadenceKind.EveryTwoWeeks => "every-two-weeks",
        CadenceKind.Monthly => "monthly",
        _ => "cron",
    };

    public static CadenceKind? ParseCadence(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "weekly" => CadenceKind.Weekly,
        "every-two-weeks" => CadenceKind.EveryTwoWeeks,
        "monthly" => CadenceKind.Monthly,
        "cron" => CadenceKind.Cron,
        _ => null,
    };

    public static CycleForm From(Cycle cycle) => new()
    {
        Kind = cycle.Kind, Title = cycle.Title, TeamIds = cycle.Teams.Select(t => t.TeamId).ToList(), Cadence = CadenceName(cycle.Cadence),
        Day = (cycle.DayOfWeek ?? DayOfWeek.Monday).ToString(), DayOfMonth = (cycle.DayOfMonth ?? 1).ToString(CultureInfo.InvariantCulture),
        Time = cycle.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), Cron = cycle.Cron ?? "", TimeZone = cycle.TimeZone ?? "",
        OpenFor = cycle.OpenMinutes is { } open ? Duration(open) : "", Reminders = string.Join(", ", cycle.Reminders().Select(Duration)),
        Active = cycle.Active, Version = cycle.Version,
        Settings = CycleSettings.Read(cycle.Settings).ToDictionary(s => SettingKey(cycle.Kind, s.Key), s => s.Value, StringComparer.Ordinal),
    };

    /// <summary>The draft, or the first field that cannot be read (an English UI text naming it, like <see cref="Cycles"/>' errors).</summary>
    public (CycleDraft? Draft, string? Error) ToDraft()
    {
        if (ParseCadence(Cadence) is not { } cadence) return (null, "Cadence: choose weekly, every two weeks, monthly or cron.");
        var day = DayOfWeek.Monday;
        if (cadence is CadenceKind.Weekly or CadenceKind.EveryTwoWeeks && !Enum.TryParse(Day, ignoreCase: true, out day))
            return (null, "Day: choose the day of the week.");
        int? dayOfMonth = null;
        if (cadence == CadenceKind.Monthly)
        {
            if (!int.TryParse(DayOfMonth?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return (null, "Day of month: choose a day from 1 to 28.");
            dayOfMonth = d;
        }
        var at = default(TimeOnly);
        if (cadence != CadenceKind.Cron && !TimeOnly.TryParseExact(Time?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
            return (null, "Time: enter a local time such as 09:00.");
        int? open = null;
        if (!string.IsNullOrWhiteSpace(OpenFor))
        {
            if (ParseDuration(OpenFor) is not { } minutes) return (null, "Open for: write a duration such as 3d, 24h or 90m.");
            open = minutes;
        }
        var reminders = new List<int>();
        foreach (var part in (Reminders ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (ParseDuration(part) is not { } minutes) return (null, "Reminders: write durations before closing such as 24h, 1h.");
            reminders.Add(minutes);
        }
        return (new CycleDraft(Kind ?? "", Title ?? "", TeamIds, cadence, at, cadence is CadenceKind.Weekly or CadenceKind.EveryTwoWeeks ? day : null,
            dayOfMonth, cadence == CadenceKind.Cron ? Cron : null, TimeZone, open, reminders, SettingsJson(), Active), null);
    }

    /// <summary>Minutes from "3d", "24h", "90m" or "2" (hours); null when it cannot be read or is not positive.</summary>
    public static int? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is 0 or > 100_000) return null;
        return match.Groups[2].Value.ToLowerInvariant() switch { "d" => n * 1440, "m" => n, _ => n * 60 };
    }

    public static string Duration(int minutes) =>
        minutes % 1440 == 0 ? $"{minutes / 1440}d" : minutes % 60 == 0 ? $"{minutes / 60}h" : $"{minutes}m";

    [GeneratedRegex("^([0-9]+)\\s*([dhmDHM]?)$")]
    private static partial Regex DurationPattern();

    /// <summary>The field an error names ("Open for: …" → "OpenFor"), to mark it on the form; null for none.</summary>
    public static string? FieldOf(string error) => error.Split(':')[0] switch
    {
        "Kind" => nameof(Kind),
        "Title" => nameof(Title),
        "Teams" => nameof(TeamIds),
        "Cadence" => nameof(Cadence),
        "Day" => nameof(Day),
        "Day of month" => nameof(DayOfMonth),
        "Time" => nameof(Time),
        "Cron" => nameof(Cron),
        "Time zone" => nameof(TimeZone),
        "Open for" => nameof(OpenFor),
        "Reminders" => nameof(Reminders),
        _ => null,
    };
}
