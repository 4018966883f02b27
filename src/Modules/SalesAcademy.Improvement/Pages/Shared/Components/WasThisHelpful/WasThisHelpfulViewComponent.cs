using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Improvement.Helpful;
using SalesAcademy.Improvement.Models;

namespace SalesAcademy.Improvement.Pages.Shared.Components.WasThisHelpful;

/// <summary>
/// "Was this helpful?" below a published case, playbook or drill (Core's <c>ContentPanel</c>): yes or no with an optional
/// reason, for the version shown; the reader's answer is shown and can be changed. Nothing for a reader who is not signed in.
/// </summary>
public sealed class WasThisHelpfulViewComponent(HelpfulAnswers answers, Content.Services.PublishedContent published) : ViewComponent
{
    /// <param name="problem">Why the last answer was refused (a PO message and its arguments), shown at the form with <paramref name="draft"/> kept.</param>
    public async Task<IViewComponentResult> InvokeAsync(string contentItemId, string contentItemVersionId, string? contentType = null,
        string? problem = null, object[]? problemArgs = null, string? draft = null, bool saved = false)
    {
        if (UserClaimsPrincipal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } me }) return Content(string.Empty);
        // Only under the published version (a draft's preview has nothing to rate yet).
        if ((await published.ByIdAsync(contentItemId))?.ContentItemVersionId != contentItemVersionId) return Content(string.Empty);
        var mine = await answers.MineAsync(me, contentItemVersionId, HttpContext.RequestAborted);
        return View(new HelpfulView(contentItemId, mine, problem, problemArgs ?? [], draft ?? mine?.Reason, saved));
    }
}

public sealed record HelpfulView(string ContentItemId, HelpfulAnswer? Answer, string? Problem, object[] ProblemArgs, string? Reason, bool Saved);
