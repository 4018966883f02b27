using SalesAcademy.Core.Security;

namespace SalesAcademy.Search.Services;

public static class SearchPermissions
{
    public const string Manage = "search.manage";
}

internal sealed class SearchPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(SearchPermissions.Manage, "See the search index, rebuild it and edit the search glossary"),
    ];

    // Trainers keep the glossary (the words reps search with) up to date.
    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } = [(PortalRoles.Trainer, SearchPermissions.Manage)];
}
