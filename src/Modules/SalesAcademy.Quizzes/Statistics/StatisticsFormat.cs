using System.Globalization;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>How the statistics views write numbers (the same in both languages); "–" where a statistic is undefined.</summary>
public static class StatisticsFormat
{
    public const string Undefined = "–";

    /// <summary>A 0..1 fraction as a percentage: 0.653 → "65.3%".</summary>
    public static string Percent(double? fraction, int decimals = 1) =>
        fraction is { } f ? (f * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : Undefined;

    /// <summary>A value already in percent (discriminative efficiency, CIC, error ratio): 78.25 → "78.3%".</summary>
    public static string PercentValue(double? percent, int decimals = 1) =>
        percent is { } p ? p.ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : Undefined;

    public static string Number(double? value, int decimals = 2) =>
        value is { } v ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : Undefined;
}
