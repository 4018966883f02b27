using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Api;
using SalesAcademy.Teams.Data;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams;

/// <summary>Teams, members and team roles; the <see cref="ITeamDirectory"/> other modules ask about team data.</summary>
public sealed class TeamsModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("teams", "Teams", "Cross-functional sales teams (the iron triangle and those around it), their members and team roles; who may see a team's data.", "accounts");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<TeamsDbContext, SqliteTeamsDbContext, PostgresTeamsDbContext>(settings.Database, TeamsDbContext.MigrationsTable);
        services.AddSingleton<IPermissionProvider, TeamsPermissionProvider>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TeamRoster>();
        services.AddScoped<ITeamDirectory, TeamDirectory>();
        services.AddScoped<TeamProgress>();
        services.AddStartupStep(new DemoTeamStartupStep());
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Your teams", "/teams", 5));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Teams", "/admin/teams", 30, PortalPolicies.For(TeamsPermissions.Manage)));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTeamsApiV1();
}
