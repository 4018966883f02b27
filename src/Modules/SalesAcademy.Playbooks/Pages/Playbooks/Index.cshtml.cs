using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Playbooks.Pages.Playbooks;

public sealed class IndexModel(PublishedContent published, IStringLocalizer<IndexModel> localizer) : ContentListPageModel(published, localizer)
{
    protected override string ContentType => PlaybooksModule.ContentType;
}
