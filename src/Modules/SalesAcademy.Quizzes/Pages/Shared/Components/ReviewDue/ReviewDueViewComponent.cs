using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Shared.Components.ReviewDue;

/// <summary>
/// The home page's "Today's review: N due" panel (registered as <c>HomeWidget("ReviewDue")</c>): for users with
/// quizzes.take who have cards due; nothing otherwise. One COUNT on the (UserId, DueUtc) index.
/// </summary>
public sealed class ReviewDueViewComponent(ReviewDeck deck, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = UserClaimsPrincipal;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId
            || !await authorization.HasPermissionAsync(user, QuizPermissions.Take))
            return Content("");
        var due = await deck.DueCountAsync(userId, HttpContext.RequestAborted);
        return due == 0 ? Content("") : View(due);
    }
}
