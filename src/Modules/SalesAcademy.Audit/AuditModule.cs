using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Audit.Data;
using SalesAcademy.Audit.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Audit;

/// <summary>The audit trail: who did what, when and from where; the admin page to search and export it.</summary>
public sealed class AuditModule : PortalModule
{
    // Accounts provides the permission policies that guard /admin/audit.
    public override ModuleManifest Manifest { get; } = new("audit", "Audit", "Records sign-ins, role and permission changes, publishing and deletions; /admin/audit to search them and export CSV.", "accounts");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext>(settings.Database, AuditDbContext.MigrationsTable);
        services.AddHttpContextAccessor();
        // Registered before Core's TryAddScoped fallback (NullAuditLog), so this one wins.
        services.AddScoped<IAuditLog, DbAuditLog>();
        services.AddScoped<AuditSearch>();
        services.AddSingleton<IPermissionProvider, AuditPermissionProvider>();
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Audit log", "/admin/audit", 30, PortalPolicies.For(AuditPermissions.View)));
    }
}
