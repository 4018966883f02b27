using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;
using SalesAcademy.Playbooks.Models;

namespace SalesAcademy.Playbooks.Pages.Playbooks;

public sealed class DetailsModel(PublishedContent published) : ContentDetailsPageModel<PlaybookPart>(published)
{
    protected override string ContentType => PlaybooksModule.ContentType;
}
