using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Api;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Content;

/// <summary>Versioned content items made of parts, the change log, taxonomy and content as code.</summary>
public sealed class ContentModule : PortalModule
{
    /// <summary>Notification kinds: a contribution waits for your review (asks for an action); a decision on your contribution.</summary>
    public const string ReviewKind = "contributions.review", DecisionKind = "contributions.decision";

    public override ModuleManifest Manifest { get; } = new(
        "content", "Content", "Versioned content items made of parts, the content change log, the taxonomy and content-as-code import/export.",
        "markdown", "accounts");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<ContentDbContext, SqliteContentDbContext, PostgresContentDbContext>(settings.Database, ContentDbContext.MigrationsTable);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentDefinitions>();
        services.AddSingleton<PublishedContent>();
        services.AddAnonymousPagePolicy(PublishedContent.AnonymousPagePolicy, c => c.RequestServices.GetRequiredService<PublishedContent>().Version);
        services.AddSingleton<ContentFolderReader>();
        services.AddScoped<ContentManager>();
        services.AddScoped<ContentAccess>();
        services.AddScoped<ContentEditing>();
        services.AddScoped<Contributions>();
        services.AddNotificationKind(ReviewKind, "Contributions waiting for your review", needsAction: true);
        services.AddNotificationKind(DecisionKind, "Decisions on your contributions");
        services.AddScoped<Core.Learning.ITeamContributions, TeamContributions>();
        services.AddInsightSource<Insights.ContentInsightSource>(); // contributions for the insights run
        services.AddScoped<FollowUps.OwnedFollowUps>();
        services.AddSingleton(new HomeWidget("OwnedContentFollowUps", 20));
        services.AddScoped<ContentErrorText>();
        services.AddSingleton(new ContentFieldLabels(null, new Dictionary<string, string>
        {
            ["title"] = "Title", ["summary"] = "Summary", ["culture"] = "Language", ["slug"] = "Address (slug)", ["id"] = "Id (optional)",
            ["owner"] = "Owner", ["verifyEveryDays"] = "Verify every (days)", ["tags"] = "Tags", ["body"] = "Body (Markdown)",
            ["newTag"] = "Add a new tag", ["key"] = "Tag key", ["zh"] = "Chinese label", ["en"] = "English label", ["group"] = "Tag group",
        }));
        services.AddScoped<ContentChangeLog>();
        services.AddSingleton<ContentChangeSignal>();
        services.AddScoped<ContentImporter>();
        services.AddScoped<ContentExporter>();
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section)
            .Validate(o => o.ChangePollSeconds is > 0 and <= 3600, "Content:ChangePollSeconds must be more than 0 and at most 3600.")
            .Validate(o => o.VerificationGraceDays is >= 0 and <= 365, "Content:VerificationGraceDays must be from 0 to 365.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContentOptions>>().Value);
        services.AddHostedService<ContentChangePoller>();
        services.AddHealthChecks().AddCheck<PublishedContentHealthCheck>("content");
        services.AddSingleton<IPortalCommand, ContentCommand>();
        services.AddSingleton<Core.Security.IPermissionProvider, ContentPermissionProvider>();
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Due for review", "/review/due", 20));
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Studio", "/studio", 80, Core.Security.PortalPolicies.For(ContentPermissions.EditOwn)));
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Review queue", "/studio/reviews", 25, Core.Security.PortalPolicies.For(ContentPermissions.Review)));
        // Reviewers see the queue in the header with the number of contributions waiting.
        services.AddSingleton(new HeaderIndicator("Review queue", "/studio/reviews", "/review-queue/badge", -10, Core.Security.PortalPolicies.For(ContentPermissions.Review)));
        services.AddCycleKind<Verification.VerificationSweep>();
        services.AddScoped<Core.Improvement.IImprovementSource, Verification.DueVerificationFindings>(); // the improvement queue's "due for verification"
        services.AddNotificationKind(Verification.VerificationSweep.DueNotice, "Content due for verification", needsAction: true);
        services.AddNotificationKind(Verification.VerificationSweep.EscalationNotice, "Content overdue for verification (escalation)");
        if (settings.Portal.ImportContentOnStart) services.AddStartupStep(new ContentImportStep());
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapContentApiV1();
}

public static class ContentTypeRegistration
{
    /// <summary>How a module declares a content type.</summary>
    public static IServiceCollection AddContentType(this IServiceCollection services, ContentTypeDefinition type) => services.AddSingleton(type);
}
