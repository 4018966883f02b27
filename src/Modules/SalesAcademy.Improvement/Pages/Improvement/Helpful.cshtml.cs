using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Improvement.Helpful;

namespace SalesAcademy.Improvement.Pages.Improvement;

/// <summary>
/// Where "was this helpful?" posts: a plain form gets a redirect back to the item; an htmx request the re-rendered panel.
/// An item that is not published or that the reader may not read is 404.
/// </summary>
[Authorize]
public sealed class HelpfulModel(HelpfulAnswers answers, ContentDefinitions definitions) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public string ItemUrl { get; private set; } = "";
    public string? Problem { get; private set; }
    public object[] ProblemArgs { get; private set; } = [];
    public string? Draft { get; private set; }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? contentItemId, string? helpful, string? reason)
    {
        if (await answers.ReadableAsync(User, contentItemId) is not { } item) return NotFound();
        Item = item;
        ItemUrl = definitions.UrlFor(item);
        if (helpful is not ("yes" or "no"))
            return Refused(reason, "Answer yes or no.", []);
        var result = await answers.AnswerAsync(User, contentItemId, helpful == "yes", reason, HttpContext.RequestAborted);
        if (result.Outcome == HelpfulOutcome.NotFound) return NotFound();
        if (result.Outcome == HelpfulOutcome.Invalid) return Refused(reason, result.Message!, result.Args ?? []);
        if (Request.IsHtmx()) return ViewComponent("WasThisHelpful", new { contentItemId = item.ContentItemId, contentItemVersionId = item.ContentItemVersionId, saved = true });
        return Redirect(ItemUrl + "#helpful");
    }

    private IActionResult Refused(string? reason, string message, object[] args)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        if (Request.IsHtmx())
            return ViewComponent("WasThisHelpful", new { contentItemId = Item.ContentItemId, contentItemVersionId = Item.ContentItemVersionId, problem = message, problemArgs = args, draft = reason });
        Problem = message;
        ProblemArgs = args;
        Draft = reason;
        return Page();
    }
}
