using SalesAcademy.Core.Modules;

namespace SalesAcademy.Theme;

/// <summary>The SalesAcademy theme: its layout and assets are found because the host registers it like a module.</summary>
public sealed class ThemeModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("theme", "SalesAcademy theme", "Layout, navigation, styles, Bootstrap, htmx and Chart.js.");
}
