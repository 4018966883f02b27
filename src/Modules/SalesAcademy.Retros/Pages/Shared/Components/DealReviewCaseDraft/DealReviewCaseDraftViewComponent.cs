using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Retros.DealReviews;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Pages.Shared.Components.DealReviewCaseDraft;

/// <summary>
/// The button on a closed deal review's summary that leads to turning it into a case contribution draft
/// (<c>@await Component.InvokeAsync("DealReviewCaseDraft", new { retro })</c>); nothing for any other retro.
/// The page it opens checks who may.
/// </summary>
public sealed class DealReviewCaseDraftViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(Retro retro) =>
        DealReviewCaseDrafts.IsClosedDealReview(retro) ? View(retro.Id) : Content("");
}
