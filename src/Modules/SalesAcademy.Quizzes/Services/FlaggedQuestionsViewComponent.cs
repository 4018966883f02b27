using Microsoft.AspNetCore.Mvc;

namespace SalesAcademy.Quizzes.Services;

/// <summary>
/// PLACEHOLDER so the question bank page builds on this branch: renders nothing. The item analysis branch provides the real
/// "questions that need attention" component; keep that one when merging.
/// </summary>
public sealed class FlaggedQuestionsViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => Content(string.Empty);
}
