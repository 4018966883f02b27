using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

/// <summary>
/// An attempt's result: the score, and per question the answer given; once feedback is due, what was right, the
/// explanation and a link to the source content. The taker, their team leads and trainers see it; anyone else gets 404.
/// </summary>
[Authorize]
public sealed class ResultModel(QuizAttempts attempts, AttemptViews views, PublishedContent published, ContentDefinitions definitions) : PageModel
{
    public AttemptView View { get; private set; } = null!;
    public bool IsOwn { get; private set; }
    /// <summary>Source item URL and title by question id (published sources only).</summary>
    public IReadOnlyDictionary<string, (string Url, string Title)> Sources { get; private set; } = new Dictionary<string, (string, string)>();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var attempt = await attempts.GetAsync(id);
        if (attempt is null || !await views.MaySeeAsync(User, attempt)) return NotFound();
        attempt = await attempts.CurrentAsync(attempt);
        if (attempt.IsOpen && attempt.UserId == me) return Redirect($"/quizzes/attempt/{id}");
        IsOwn = attempt.UserId == me;
        View = await views.BuildAsync(attempt);
        var sources = new Dictionary<string, (string, string)>();
        foreach (var slot in View.Slots)
            if (slot.Part.Source is { } source && await published.ByIdAsync(source) is { } item && definitions.Find(item.ContentType)?.ReaderVisible == true)
                sources[slot.Question.ContentItemId] = (definitions.UrlFor(item), item.DisplayText);
        Sources = sources;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
