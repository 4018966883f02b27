using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Drills.Models;

namespace SalesAcademy.Drills;

/// <summary>Drills: team role-play exercises with briefs, time boxes and rubrics (/drills).</summary>
public sealed class DrillsModule : PortalModule
{
    public const string ContentType = "Drill";

    public override ModuleManifest Manifest { get; } = new("drills", "Drills", "Team role-play exercises with role briefs, time-boxed steps and weighted rubrics.", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Drills", "/drills", 30));
        services.AddContentType(new ContentTypeDefinition(ContentType, "Drill", "Drills", "/drills", "drills", typeof(DrillPart)) { Commentable = true });
    }
}
