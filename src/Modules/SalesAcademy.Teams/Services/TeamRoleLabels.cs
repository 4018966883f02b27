using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Localization;
using SalesAcademy.Teams.Models;

namespace SalesAcademy.Teams.Services;

/// <summary>The team roles one can assign: the built-in ones, then those the admin added, with their labels.</summary>
public sealed class TeamRoleLabels(IReadOnlyList<TeamRoleDefinition> custom)
{
    /// <summary>The iron triangle, its lead and the reps (labels from <see cref="TeamRoles"/>).</summary>
    public static readonly string[] BuiltIn = ["AccountManager", "SolutionManager", "DeliveryManager", "Lead", "Rep"];

    private readonly Dictionary<string, TeamRoleDefinition> _custom = custom.ToDictionary(r => r.Key, StringComparer.Ordinal);

    public IEnumerable<string> Keys => BuiltIn.Concat(custom.Select(r => r.Key).Order(StringComparer.Ordinal));

    public bool Exists(string key) => BuiltIn.Contains(key) || _custom.ContainsKey(key);

    public string Label(string key) =>
        _custom.TryGetValue(key, out var r) ? (PortalCultures.CurrentIsChinese ? r.NameZh : r.NameEn) : TeamRoles.Label(key);
}
