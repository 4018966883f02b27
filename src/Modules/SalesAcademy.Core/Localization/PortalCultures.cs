using System.Globalization;

namespace SalesAcademy.Core.Localization;

/// <summary>The cultures the UI and content come in; zh-CN is the default.</summary>
public static class PortalCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] All = [Chinese, English];
    public static readonly CultureInfo[] Infos = All.Select(CultureInfo.GetCultureInfo).ToArray();

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture, StringComparer.Ordinal);

    /// <summary>True when the current UI culture is Chinese (used to pick a label's language).</summary>
    public static bool CurrentIsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>"、" between Chinese list items, ", " between English ones.</summary>
    public static string ListSeparator => CurrentIsChinese ? "、" : ", ";
}
