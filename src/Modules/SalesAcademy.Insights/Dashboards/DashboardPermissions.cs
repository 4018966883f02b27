using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>
/// The dashboards' menu links and the weights editor. Seeing a dashboard needs no permission beyond who one is: a rep sees
/// themselves, a lead the teams they lead, teams.viewall every team (see <see cref="InsightAccess"/>).
/// </summary>
public static class DashboardPermissions
{
    /// <summary>The "My insights" link in one's menu.</summary>
    public const string Own = "insights.own";
    /// <summary>The "Team insights" link in one's menu (the page itself shows only the teams one leads, or all with teams.viewall).</summary>
    public const string Teams = "insights.teams";
    /// <summary>Change the readiness and collaboration weights on /about/metrics (administrators only by default).</summary>
    public const string Weights = "insights.weights";
}

internal sealed class DashboardPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(DashboardPermissions.Own, "See your own insights dashboard in your menu"),
        new(DashboardPermissions.Teams, "See the insights of the teams you lead in your menu (every team with teams.viewall)"),
        new(DashboardPermissions.Weights, "Change the weights of the readiness and collaboration indices (each change is a new version)"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Rep, DashboardPermissions.Own),
        (PortalRoles.TeamLead, DashboardPermissions.Own),
        (PortalRoles.Trainer, DashboardPermissions.Own),
        (PortalRoles.TeamLead, DashboardPermissions.Teams),
        (PortalRoles.Trainer, DashboardPermissions.Teams),
    ];
}

/// <summary>The dashboards, recommendations and weights editor's services (pages and tests resolve them).</summary>
public static class DashboardSetup
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddInsightDashboards(this Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, DashboardPermissionProvider>();
        services.AddScoped<InsightAccess>();
        services.AddScoped<DashboardCharts>();
        services.AddScoped<InsightText>();
        services.AddScoped<Recommendations.Recommender>();
        services.AddScoped<Recommendations.RecommendationAssign>();
        services.AddScoped<Weights.WeightsBook>();
        // In the signed-in user's menu: the header's main row is full at 1280 px.
        services.AddSingleton(new SalesAcademy.Core.Hosting.NavigationItem(SalesAcademy.Core.Hosting.NavigationArea.Account, "My insights", "/insights/me", 16,
            PortalPolicies.For(DashboardPermissions.Own)));
        services.AddSingleton(new SalesAcademy.Core.Hosting.NavigationItem(SalesAcademy.Core.Hosting.NavigationArea.Account, "Team insights", "/insights", 17,
            PortalPolicies.For(DashboardPermissions.Teams)));
        return services;
    }
}
