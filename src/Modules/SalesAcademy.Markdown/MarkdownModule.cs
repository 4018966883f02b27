using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Markdown.Services;

namespace SalesAcademy.Markdown;

/// <summary>Markdown to sanitised HTML, cached per content version.</summary>
public sealed class MarkdownModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("markdown", "Markdown", "CommonMark (with tables, task lists, footnotes, heading ids) rendered and sanitised.");

    // Singleton: pipelines and sanitiser are thread-safe and the render cache must be shared.
    public override void ConfigureServices(IServiceCollection services, PortalSettings settings) =>
        services.TryAddSingleton<IMarkdownRenderer, MarkdownRenderer>();
}
