using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
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
        services.AddSingleton(new ContentFieldLabels(ContentType, new Dictionary<string, string>
        {
            ["scenario"] = "Scenario", ["objectives"] = "Objectives (one per line)", ["durationMinutes"] = "Duration (minutes)", ["roles"] = "Roles and briefs",
            ["role"] = "Role", ["brief"] = "Brief", ["steps"] = "Steps", ["title"] = "Step", ["minutes"] = "Minutes", ["description"] = "Description",
            ["rubric"] = "Rubric", ["criterion"] = "Criterion", ["weight"] = "Weight", ["anchors"] = "Score descriptions", ["relatedPlaybooks"] = "Related playbooks",
        }));
        services.AddContentType(new ContentTypeDefinition(ContentType, "Drill", "Drills", "/drills", "drills", typeof(DrillPart)) { Commentable = true });
    }
}
