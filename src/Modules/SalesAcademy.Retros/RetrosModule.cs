using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Retros.Api;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Jobs;
using SalesAcademy.Retros.Services;
using SalesAcademy.Retros.Templates;

namespace SalesAcademy.Retros;

/// <summary>
/// Retrospectives: templates as content, a team's retro from reviewing the previous actions through anonymous reflection,
/// grouping, voting and discussion to actions with owners, due dates and the content they should change.
/// </summary>
public sealed class RetrosModule : PortalModule
{
    public const string TemplateType = "RetroTemplate";

    public override ModuleManifest Manifest { get; } = new("retros", "Retrospectives",
        "Team retrospectives: templates as content, anonymous cards, groups, votes, actions that reach their owners and the content they change.",
        "accounts", "teams", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<RetrosDbContext, SqliteRetrosDbContext, PostgresRetrosDbContext>(settings.Database, RetrosDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPermissionProvider, RetrosPermissionProvider>();
        services.AddScoped<Core.Improvement.IContentFollowUpSource, FollowUps.RetroActionFollowUps>(); // open actions linked to content
        services.AddScoped<Core.Improvement.IContentFollowUpResolver, FollowUps.RetroActionResolver>(); // done when a new version addresses it
        services.AddNotificationKind(FollowUps.RetroActionResolver.ResolvedNotice, "A retro action of your team was resolved by a content change");
        services.AddScoped<DealReviews.DealReviewCaseDrafts>(); // a closed deal review as a case contribution draft
        // Templates are working material for facilitators, not library pages: kept out of reader lists and search.
        services.AddContentType(new ContentTypeDefinition(TemplateType, "Retro template", "Retro templates", "/retros/templates", "retro-templates",
            typeof(RetroTemplatePart)) { ReadPermission = RetrosPermissions.Facilitate, Searchable = false });
        services.AddSingleton(new ContentFieldLabels(TemplateType, new Dictionary<string, string>
        {
            ["dealReview"] = "Deal review (asks for the deal, its outcome and roles)", ["prompts"] = "Prompts", ["key"] = "Key",
            ["titleZh"] = "Title (Chinese)", ["titleEn"] = "Title (English)", ["descriptionZh"] = "Description (Chinese)", ["descriptionEn"] = "Description (English)",
        }));
        // The one writer (pages, API, cycle kind), who may see what, summaries and exports, open actions and their reminders.
        services.AddScoped<RetroAccess>();
        services.AddScoped<RetroBoard>();
        services.AddScoped<RetroSummaries>();
        services.AddScoped<OpenActions>();
        services.AddPeriodicTask<ActionReminderJob>(ActionReminderJob.Key, "Remind owners of due retro actions", ActionReminderJob.Interval);
        services.AddCycleKind<RetroCycleKind>();
        services.AddInsightSource<Insights.RetroInsightSource>(); // follow-through, participation, cards for the insights run
        services.AddNotificationKind(RetroBoard.StartNotice, "A retrospective of your team starts", needsAction: true);
        services.AddNotificationKind(OpenActions.DueNotice, "A retro action you own is due", needsAction: true);
        services.AddSingleton(new HomeWidget("OpenRetroActions", 20));
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Retros", "/retros", 40, PortalPolicies.For(RetrosPermissions.Take)));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapRetrosApiV1();
}
