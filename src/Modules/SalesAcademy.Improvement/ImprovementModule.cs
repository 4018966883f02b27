using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Api;
using SalesAcademy.Improvement.Data;
using SalesAcademy.Improvement.Helpful;
using SalesAcademy.Improvement.Queue;

namespace SalesAcademy.Improvement;

/// <summary>
/// Continuous improvement: readers say whether a case, playbook or drill helped them, and the trainers' improvement queue
/// gathers what asks for a change (flagged questions, retro actions linked to content, content due for verification,
/// content rated unhelpful, searches that found nothing, topics where several teams are weak) with its evidence and an
/// owner, until it is dismissed or resolved by a new version, which closes the loop with whoever asked.
/// </summary>
public sealed class ImprovementModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("improvement", "Improvement",
        "\"Was this helpful?\" on content and the trainers' improvement queue: findings with evidence and an owner, resolved by new versions.",
        "accounts", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<ImprovementDbContext, SqliteImprovementDbContext, PostgresImprovementDbContext>(settings.Database,
            ImprovementDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPermissionProvider, ImprovementPermissionProvider>();
        // "Was this helpful?" below every case, playbook and drill (Core's ContentPanel), and its one writer.
        services.AddScoped<HelpfulAnswers>();
        services.AddSingleton(new ContentPanel("WasThisHelpful", 10));
        services.AddNotificationKind(HelpfulAnswers.ChangedNotice, "Content you found unhelpful has a new version");
        // The queue's own sources (the other modules register theirs), its one writer and its hourly refresh.
        services.AddScoped<IImprovementSource, UnhelpfulContentFindings>();
        services.AddScoped<IImprovementSource, FollowUpFindings>();
        services.AddScoped<IImprovementSource, WeakTopicFindings>();
        services.AddScoped<ImprovementQueue>();
        services.AddPeriodicTask<QueueRefreshTask>(QueueRefreshTask.Key, "Update the improvement queue", QueueRefreshTask.Interval);
        services.AddNotificationKind(ImprovementQueue.AssignedNotice, "An item of the improvement queue is assigned to you", needsAction: true);
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Improvement queue", "/improvement", 22, PortalPolicies.For(ImprovementPermissions.Manage)));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapImprovementApiV1();
}
