using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;
using SalesAcademy.Search.Api;
using SalesAcademy.Search.Data;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search;

/// <summary>Bilingual full-text search: a Lucene index per node that follows the content change log; /search, the API, related content.</summary>
public sealed class SearchModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new(
        "search", "Search", "Bilingual (Chinese/English) Lucene search over published content with facets, highlights, suggestions and related content; a self-healing index per node.",
        "content", "accounts", "teams");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section)
            .PostConfigure(o => o.GlossaryPath = string.IsNullOrWhiteSpace(o.GlossaryPath) ? Path.Combine(settings.Portal.ContentDir, "glossary.yaml")
                : Path.GetFullPath(o.GlossaryPath, settings.Environment.ContentRootPath))
            .PostConfigure(o => o.NodeName = string.IsNullOrWhiteSpace(o.NodeName) ? settings.Portal.NodeName : o.NodeName)
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SearchOptions>, SearchOptionsValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value);

        services.AddPortalDbContext<SearchDbContext, SqliteSearchDbContext, PostgresSearchDbContext>(settings.Database, SearchDbContext.MigrationsTable);
        services.AddSingleton<SearchDocumentFactory>();
        services.AddSingleton<SearchGlossary>();
        services.AddSingleton<SearchIndexHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexHost>());
        services.AddSingleton<SearchService>();
        services.AddScoped<SearchVisibility>();
        services.AddScoped<Core.Insights.IRelatedContent, RelatedContent>(); // recommendations: related published items for a text
        services.AddSingleton<SearchLog>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchLog>());
        services.AddScoped<Core.Improvement.IImprovementSource, Improvement.NothingFoundFindings>(); // the improvement queue's "found nothing"
        services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search");
        services.AddSingleton<IPermissionProvider, SearchPermissionProvider>();
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Search", "/search", 40));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Search index", "/admin/search", 40, PortalPolicies.For(SearchPermissions.Manage)));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapSearchApiV1();
}
