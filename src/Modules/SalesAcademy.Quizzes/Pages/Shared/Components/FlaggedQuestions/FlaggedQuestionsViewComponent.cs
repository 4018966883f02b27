using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Shared.Components.FlaggedQuestions;

/// <summary>
/// The trainers' queue of questions item analysis flagged (too hard, too easy, not separating strong from weak takers, negative
/// discrimination), with links to the question and its editor. The question bank page invokes it:
/// <c>@await Component.InvokeAsync("FlaggedQuestions")</c>. Renders nothing for users without quizzes.manage.
/// </summary>
public sealed class FlaggedQuestionsViewComponent(QuizStatistics statistics, IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!await authorization.HasPermissionAsync(UserClaimsPrincipal, QuizPermissions.Manage))
            return Content(string.Empty);
        return View(await statistics.FlaggedAsync(HttpContext.RequestAborted));
    }
}
