using SalesAcademy.Core.Localization;

namespace SalesAcademy.CaseLibrary.Models;

/// <summary>Labels of a case's fixed vocabularies in the reader's language.</summary>
public static class CaseLabels
{
    public static string Outcome(string outcome) => (outcome, PortalCultures.CurrentIsChinese) switch
    {
        ("won", true) => "赢单", ("won", false) => "Won",
        ("lost", true) => "丢单", ("lost", false) => "Lost",
        ("ongoing", true) => "进行中", ("ongoing", false) => "Ongoing",
        _ => outcome,
    };

    public static string DealSize(string size) => (size, PortalCultures.CurrentIsChinese) switch
    {
        ("small", true) => "小型", ("small", false) => "Small",
        ("medium", true) => "中型", ("medium", false) => "Medium",
        ("large", true) => "大型", ("large", false) => "Large",
        ("strategic", true) => "战略级", ("strategic", false) => "Strategic",
        _ => size,
    };
}
