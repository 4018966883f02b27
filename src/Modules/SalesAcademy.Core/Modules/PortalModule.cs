using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Modules;

/// <summary>
/// A module's startup: its manifest plus everything it registers. The host lists modules explicitly;
/// Razor pages in the module's assembly are added as an application part.
/// </summary>
public abstract class PortalModule
{
    public abstract ModuleManifest Manifest { get; }

    /// <summary>Services, DbContexts, startup steps (migrations, seed), health checks.</summary>
    public virtual void ConfigureServices(IServiceCollection services, PortalSettings settings) { }

    /// <summary>Minimal API endpoints (one route group per module API).</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }

    /// <summary>Middleware the module needs, run in module order before routing to endpoints.</summary>
    public virtual void Configure(IApplicationBuilder app) { }
}
