using SalesAcademy.Core.Security;

namespace SalesAcademy.Audit.Services;

public static class AuditPermissions
{
    public const string View = "audit.view";
}

internal sealed class AuditPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(AuditPermissions.View, "Read and export the audit log"),
    ];

    // Administrators hold every permission implicitly; the trail names people and addresses, so no one else by default.
    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } = [];
}
