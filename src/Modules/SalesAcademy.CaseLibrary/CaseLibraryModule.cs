using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;

namespace SalesAcademy.CaseLibrary;

/// <summary>The case library: real deals reps study and learn from (/cases).</summary>
public sealed class CaseLibraryModule : PortalModule
{
    public const string ContentType = "CaseStudy";

    public override ModuleManifest Manifest { get; } = new("case-library", "Case library", "Case studies of real deals, filterable by tag, industry and outcome.", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Cases", "/cases", 10));
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Contribute", "/contribute", 15, PortalPolicies.For(ContentPermissions.Contribute)));
        services.AddSingleton(new ContentFieldLabels(ContentType, new Dictionary<string, string>
        {
            ["company"] = "Company", ["industry"] = "Industry", ["region"] = "Region", ["dealSize"] = "Deal size", ["outcome"] = "Outcome",
            ["roles"] = "Roles involved", ["stage"] = "Sales stage", ["lessons"] = "Lessons learned", ["relatedPlaybooks"] = "Related playbooks",
            ["relatedDrills"] = "Related drills", ["body"] = "The story (Markdown)",
        }, (field, value) => field switch
        {
            "dealSize" => CaseLabels.DealSize(value), "outcome" => CaseLabels.Outcome(value), "roles" => TeamRoles.Label(value), _ => null,
        }));
        services.AddScoped<Core.Improvement.ICaseDrafts, Services.CaseDrafts>();
        services.AddContentType(new ContentTypeDefinition(ContentType, "Case study", "Cases", "/cases", "cases", typeof(CaseStudyPart))
        {
            Commentable = true, TermGroups = [CaseStudyPart.IndustryGroup],
        });
    }
}
