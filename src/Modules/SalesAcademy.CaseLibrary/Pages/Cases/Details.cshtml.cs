using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;

namespace SalesAcademy.CaseLibrary.Pages.Cases;

public sealed class DetailsModel(PublishedContent published) : ContentDetailsPageModel<CaseStudyPart>(published)
{
    protected override string ContentType => CaseLibraryModule.ContentType;
}
