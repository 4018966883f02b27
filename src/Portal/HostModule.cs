using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Portal.Api;

namespace SalesAcademy.Portal;

/// <summary>The host's own pages: home, culture switch, not-found and error pages; the OpenAPI document of the modules' APIs.</summary>
public sealed class HostModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("portal", "Portal host", "Home page, culture switch, error pages, the OpenAPI document.", "theme", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings) => services.AddPortalOpenApi();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPortalOpenApi();
}
