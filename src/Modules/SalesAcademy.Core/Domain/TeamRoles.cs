using SalesAcademy.Core.Localization;

namespace SalesAcademy.Core.Domain;

/// <summary>The roles of a collaborative sales team (the "iron triangle" and those around it).</summary>
public static class TeamRoles
{
    public const string Lead = "Lead";

    private static readonly Dictionary<string, (string Zh, string En)> Labels = new(StringComparer.Ordinal)
    {
        ["AccountManager"] = ("客户经理", "Account manager"),
        ["SolutionManager"] = ("解决方案经理", "Solution manager"),
        ["DeliveryManager"] = ("交付经理", "Delivery manager"),
        ["Lead"] = ("团队负责人", "Team lead"),
        ["Rep"] = ("销售代表", "Sales rep"),
        ["Marketing"] = ("市场", "Marketing"),
        ["Engineering"] = ("技术/研发", "Engineering"),
        ["CustomerService"] = ("客户服务", "Customer service"),
        ["Finance"] = ("财务", "Finance"),
        ["Executive"] = ("管理层", "Executive"),
        ["Customer"] = ("客户", "Customer"),
        ["HR"] = ("人力资源", "HR"),
    };

    public static IReadOnlyCollection<string> Known => Labels.Keys;

    /// <summary>Both labels of a known role, or null.</summary>
    public static (string Zh, string En)? LabelsOf(string role) => Labels.TryGetValue(role, out var l) ? l : null;

    /// <summary>The role's label in the reader's language; any other role is shown as written.</summary>
    public static string Label(string role) =>
        Labels.TryGetValue(role, out var l) ? (PortalCultures.CurrentIsChinese ? l.Zh : l.En) : role;
}
