using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.DrillSessions.Api;
using SalesAcademy.DrillSessions.Cycles;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions;

/// <summary>
/// Drill sessions: a team runs a published drill together — each participant sees the scenario and only their own role's
/// private brief, the facilitator walks the time-boxed steps, participants submit text, files or recording links per step,
/// and raters score each role against the drill's rubric.
/// </summary>
public sealed class DrillSessionsModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("drillsessions", "Drill sessions",
        "Team role-play sessions of published drills: private role briefs, time-boxed steps, submissions and rubric scoring.",
        "accounts", "teams", "content", "drills");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<DrillSessionsDbContext, SqliteDrillSessionsDbContext, PostgresDrillSessionsDbContext>(settings.Database,
            DrillSessionsDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPermissionProvider, DrillSessionsPermissionProvider>();
        services.AddOptions<DrillSessionsOptions>().BindConfiguration(DrillSessionsOptions.Section)
            .Validate(o => o.MaxAttachmentBytes is >= 1024 and <= 100 * DrillSessionsOptions.Megabyte, DrillSessionsOptions.MaxAttachmentBytesMessage)
            .ValidateOnStart();
        // The one writer (pages, API, cycle kind), who may see what, and the attachment files outside the web root.
        services.AddScoped<DrillSessionAccess>();
        services.AddScoped<DrillSessionBook>();
        services.AddSingleton<AttachmentStore>();
        services.AddCycleKind<DrillCycleKind>();
        services.AddNotificationKind(DrillSessionBook.AssignedNotice, "You are given a role in a drill session", needsAction: true);
        // In the signed-in user's menu: the header's main row is full at 1280 px (AccessibilityBrowserTests).
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Drill sessions", "/drill-sessions", 15, PortalPolicies.For(DrillSessionsPermissions.Take)));
        services.AddDrillScoring(); // ratings, results, finalising, the history panels
        services.AddInsightSource<Insights.DrillInsightSource>(); // drill scores and participation for the insights run
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDrillSessionsApiV1();
        endpoints.MapDrillScoresApiV1(); // /api/v1/drill-sessions/{id}/scores and /results
    }
}
