using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Api;
using SalesAcademy.Insights.Cycles;
using SalesAcademy.Insights.Dashboards;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights;

/// <summary>
/// Insights: a scheduled run that turns what the other modules record (quizzes, drills, retros, pulses, comments,
/// content) into per-period snapshots per team and rep, the open readiness and collaboration indices, and the teams'
/// goals. It reads the other modules only through Core's <c>IInsightSource</c> contract.
/// </summary>
public sealed class InsightsModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("insights", "Insights",
        "Per-period snapshots of each team and rep, the open readiness and collaboration indices, and team goals.",
        "accounts", "teams", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<InsightsDbContext, SqliteInsightsDbContext, PostgresInsightsDbContext>(settings.Database,
            InsightsDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPermissionProvider, InsightsPermissionProvider>();
        services.AddScoped<InsightSnapshots>(); // the read side (dashboards, /about/metrics)
        services.AddScoped<Core.Improvement.IWeakTopics, InsightWeakTopics>(); // topics several teams are weak in, for the improvement queue
        services.AddScoped<InsightsRun>();
        services.AddCycleKind<InsightsCycleKind>();
        services.AddScoped<TeamGoals>();
        services.AddSingleton(new TeamPanel("TeamGoals", 30)); // the team's goals on its page, linking to /insights/teams/{id}/goals
        // Content views: counted in memory, added to the database every few minutes, read by the run like any source.
        services.AddSingleton<ContentViewCounter>();
        services.AddSingleton<IContentViews>(sp => sp.GetRequiredService<ContentViewCounter>());
        services.AddPeriodicTask<ContentViewFlush>(ContentViewFlush.Key, "Save the counted content views", ContentViewFlush.Interval);
        services.AddInsightSource<ContentViewSource>();
        services.AddInsightDashboards(); // dashboards, recommendations with one-click assign, the weights editor
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapInsightsApiV1(); // /api/v1/insights/teams/{team}/goals
}
