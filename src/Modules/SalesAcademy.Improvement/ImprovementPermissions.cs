using SalesAcademy.Core.Security;

namespace SalesAcademy.Improvement;

/// <summary>
/// Who works the improvement queue. Trainers and administrators see and act on every item; a content owner sees and acts on
/// the items about their own content (or assigned to them) without a permission; everyone else gets 404.
/// </summary>
public static class ImprovementPermissions
{
    /// <summary>See every item of the queue, assign, dismiss and resolve any of them.</summary>
    public const string Manage = "improvement.manage";
}

internal sealed class ImprovementPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(ImprovementPermissions.Manage, "Work the whole improvement queue: assign, dismiss and resolve its items"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Trainer, ImprovementPermissions.Manage),
    ];
}
