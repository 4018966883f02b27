using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Services;

public static class ContentPermissions
{
    /// <summary>Mark any item verified (owners may always verify their own).</summary>
    public const string VerifyAny = "content.verify";
}

internal sealed class ContentPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(ContentPermissions.VerifyAny, "Mark any content item as verified (owners always can for their own)"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } = [(PortalRoles.Trainer, ContentPermissions.VerifyAny)];
}
