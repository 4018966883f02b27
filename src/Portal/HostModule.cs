using SalesAcademy.Core.Modules;

namespace SalesAcademy.Portal;

/// <summary>The host's own pages: home, culture switch, not-found and error pages.</summary>
public sealed class HostModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("portal", "Portal host", "Home page, culture switch, error pages.", "theme", "content");
}
