using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Playbooks.Models;

namespace SalesAcademy.Playbooks;

/// <summary>Playbooks: the standard collaborative sales process, stage by stage and role by role (/playbooks).</summary>
public sealed class PlaybooksModule : PortalModule
{
    public const string ContentType = "Playbook";

    public override ModuleManifest Manifest { get; } = new("playbooks", "Playbooks", "Standard collaborative processes with roles, RACI, criteria and communication per stage.", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Playbooks", "/playbooks", 20));
        services.AddSingleton<SalesAcademy.Content.Services.IContentFormAdapter, PlaybookFormAdapter>();
        services.AddSingleton(new ContentFieldLabels(ContentType, new Dictionary<string, string>
        {
            ["audience"] = "Audience", ["stages"] = "Stage", ["key"] = "Stage key", ["name"] = "Stage name", ["goal"] = "Goal", ["raci"] = "RACI",
            ["role"] = "Role", ["entryCriteria"] = "Entry criteria (one per line)", ["exitCriteria"] = "Exit criteria (one per line)",
            ["communication"] = "Communication (one per line)", ["relatedDrills"] = "Related drills",
        }));
        services.AddContentType(new ContentTypeDefinition(ContentType, "Playbook", "Playbooks", "/playbooks", "playbooks", typeof(PlaybookPart)) { Commentable = true });
    }
}
