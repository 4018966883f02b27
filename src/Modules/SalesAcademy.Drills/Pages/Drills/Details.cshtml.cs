using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;
using SalesAcademy.Drills.Models;

namespace SalesAcademy.Drills.Pages.Drills;

public sealed class DetailsModel(PublishedContent published) : ContentDetailsPageModel<DrillPart>(published)
{
    protected override string ContentType => DrillsModule.ContentType;
}
