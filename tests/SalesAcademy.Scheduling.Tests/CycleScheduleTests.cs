using System.Globalization;
using SalesAcademy.Core.Localization;
using SalesAcademy.Scheduling.Cadence;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>Cadence → fire times in a team's IANA zone, across daylight-saving changes; and cadences in words.</summary>
public sealed class CycleScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static CycleSchedule Schedule(CadenceKind cadence, TimeZoneInfo zone, int hour, int minute = 0, DayOfWeek? day = null,
        int? dayOfMonth = null, string? cron = null, DateOnly? anchor = null)
    {
        var (schedule, error) = CycleSchedule.TryCreate(cadence, day, dayOfMonth, new TimeOnly(hour, minute), cron, zone, anchor);
        Assert.Null(error);
        return schedule!;
    }

    private static List<DateTime> Fires(CycleSchedule schedule, DateTime from, int count)
    {
        var list = new List<DateTime>();
        for (var at = from; list.Count < count; list.Add(at)) at = schedule.NextAfter(at)!.Value;
        return list;
    }

    [Fact]
    public void Weekly_at_nine_in_Berlin_keeps_the_wall_clock_hour_across_both_daylight_saving_changes()
    {
        var monday9 = Schedule(CadenceKind.Weekly, Berlin, 9, day: DayOfWeek.Monday);
        // Summer time starts on Sunday 28 March 2027: 09:00 CET is 08:00 UTC, 09:00 CEST is 07:00 UTC.
        Assert.Equal([Utc(2027, 3, 22, 8), Utc(2027, 3, 29, 7), Utc(2027, 4, 5, 7)], Fires(monday9, Utc(2027, 3, 20, 0), 3));
        // It ends on Sunday 31 October 2027.
        Assert.Equal([Utc(2027, 10, 25, 7), Utc(2027, 11, 1, 8)], Fires(monday9, Utc(2027, 10, 20, 0), 2));
    }

    [Fact]
    public void Weekly_at_nine_in_Shanghai_is_one_o_clock_UTC_all_year()
    {
        var monday9 = Schedule(CadenceKind.Weekly, Shanghai, 9, day: DayOfWeek.Monday);
        Assert.Equal([Utc(2027, 3, 22, 1), Utc(2027, 3, 29, 1), Utc(2027, 4, 5, 1)], Fires(monday9, Utc(2027, 3, 20, 0), 3));
        Assert.Equal([Utc(2027, 10, 25, 1), Utc(2027, 11, 1, 1)], Fires(monday9, Utc(2027, 10, 20, 0), 2));
    }

    [Fact]
    public void A_local_time_in_the_spring_gap_fires_once_at_the_end_of_the_gap_and_one_that_happens_twice_fires_once()
    {
        var daily0230 = Schedule(CadenceKind.Cron, Berlin, 0, cron: "30 2 * * *");
        // 02:30 does not exist on 28 March 2027 in Berlin (02:00 → 03:00): it fires at 03:00 CEST = 01:00 UTC.
        Assert.Equal([Utc(2027, 3, 27, 1, 30), Utc(2027, 3, 28, 1), Utc(2027, 3, 29, 0, 30)], Fires(daily0230, Utc(2027, 3, 27, 0), 3));
        // 02:30 happens twice on 31 October 2027: it fires once, at the first (CEST, 00:30 UTC).
        Assert.Equal([Utc(2027, 10, 30, 0, 30), Utc(2027, 10, 31, 0, 30), Utc(2027, 11, 1, 1, 30)], Fires(daily0230, Utc(2027, 10, 30, 0), 3));
    }

    [Fact]
    public void Every_two_weeks_keeps_every_other_week_from_its_anchor_and_monthly_keeps_its_day()
    {
        var fortnightly = Schedule(CadenceKind.EveryTwoWeeks, Shanghai, 9, day: DayOfWeek.Monday, anchor: new DateOnly(2027, 3, 8));
        Assert.Equal([Utc(2027, 3, 22, 1), Utc(2027, 4, 5, 1), Utc(2027, 4, 19, 1)], Fires(fortnightly, Utc(2027, 3, 9, 0), 3));
        var monthly = Schedule(CadenceKind.Monthly, Berlin, 17, 30, dayOfMonth: 15);
        Assert.Equal([Utc(2027, 3, 15, 16, 30), Utc(2027, 4, 15, 15, 30)], Fires(monthly, Utc(2027, 3, 1, 0), 2));
    }

    [Fact]
    public void Due_gives_the_latest_fire_time_and_how_many_were_missed()
    {
        var monday9 = Schedule(CadenceKind.Weekly, Shanghai, 9, day: DayOfWeek.Monday);
        Assert.Equal((Utc(2027, 3, 29, 1), 3), monday9.Due(Utc(2027, 3, 14, 0), Utc(2027, 3, 30, 0)));
        Assert.Equal((null, 0), monday9.Due(Utc(2027, 3, 22, 1), Utc(2027, 3, 29, 0, 59)));
        Assert.Equal((Utc(2027, 3, 29, 1), 1), monday9.Due(Utc(2027, 3, 22, 1), Utc(2027, 3, 29, 1))); // the end is included, the start not
    }

    [Fact]
    public void A_six_field_cron_expression_has_seconds_first()
    {
        var everyFiveSeconds = Schedule(CadenceKind.Cron, Shanghai, 0, cron: "*/5 * * * * *");
        Assert.Equal([Utc(2027, 3, 1, 0).AddSeconds(5), Utc(2027, 3, 1, 0).AddSeconds(10)], Fires(everyFiveSeconds, Utc(2027, 3, 1, 0), 2));
    }

    [Fact]
    public void A_cron_expression_that_cannot_be_read_is_refused_with_its_text()
    {
        var (schedule, error) = CycleSchedule.TryCreate(CadenceKind.Cron, null, null, default, "61 9 * * *", Shanghai, null);
        Assert.Null(schedule);
        Assert.Contains("'61 9 * * *'", error);
    }

    private static readonly PoStringLocalizer T = new(new PoCatalog([typeof(SchedulingModule).Assembly]), typeof(SchedulingModule).Assembly.GetName().Name);

    private static string In(string culture, Func<string> describe)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { return describe(); }
        finally { CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = before; }
    }

    [Theory]
    [InlineData("0 9 * * *", "Every day at 09:00", "每天 09:00")]
    [InlineData("30 8 * * 1-5", "Every weekday at 08:30", "每个工作日 08:30")]
    [InlineData("0 9 * * 1", "Every Monday at 09:00", "每周一 09:00")]
    [InlineData("0 18 * * 5,1,3", "Every Monday, Wednesday, Friday at 18:00", "每周一、周三、周五 18:00")]
    [InlineData("0 9 * * SUN", "Every Sunday at 09:00", "每周日 09:00")]
    [InlineData("0 9 1 * *", "On day 1 of every month at 09:00", "每月 1 日 09:00")]
    [InlineData("*/15 * * * *", "Every 15 minutes", "每 15 分钟")]
    [InlineData("5 */2 * * *", "Every 2 hours at minute 5", "每 2 小时，第 5 分钟")]
    [InlineData("0 9 1 1 *", "Cron: 0 9 1 1 *", "Cron 表达式：0 9 1 1 *")]
    [InlineData("0 9 * * 1#2", "Cron: 0 9 * * 1#2", "Cron 表达式：0 9 * * 1#2")]
    public void A_cron_expression_reads_back_in_English_and_Chinese(string cron, string english, string chinese)
    {
        Assert.Equal(english, In("en", () => new CadenceText(T).DescribeCron(cron)));
        Assert.Equal(chinese, In("zh-CN", () => new CadenceText(T).DescribeCron(cron)));
    }

    [Fact]
    public void The_fixed_cadences_read_back_in_both_languages()
    {
        var fortnightly = new Cycle { Cadence = CadenceKind.EveryTwoWeeks, DayOfWeek = DayOfWeek.Thursday, LocalTime = new TimeOnly(14, 0) };
        Assert.Equal("Every other Thursday at 14:00", In("en", () => new CadenceText(T).Describe(fortnightly)));
        Assert.Equal("隔周周四 14:00", In("zh-CN", () => new CadenceText(T).Describe(fortnightly)));
        var monthly = new Cycle { Cadence = CadenceKind.Monthly, DayOfMonth = 28, LocalTime = new TimeOnly(9, 30) };
        Assert.Equal("每月 28 日 09:30", In("zh-CN", () => new CadenceText(T).Describe(monthly)));
    }
}
