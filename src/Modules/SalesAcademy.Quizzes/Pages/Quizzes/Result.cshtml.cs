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
public sealed class ResultModel(QuizAttempts attempts, AttemptViews views, PublishedContent published, ContentDefinitions definitions, SalesAcademy.Quizzes.DailyReview.ReviewDeck deck) : PageModel
{
    public AttemptView View { get; private set; } = null!;
    public bool IsOwn { get; private set; }
    /// <summary>The taker's own view: questions of this attempt already in their review deck.</summary>
    public IReadOnlySet<string> InDeck { get; private set; } = new HashSet<string>();
    /// <summary>How many wrong answers of this attempt were filed in the taker's review deck (0 while filing waits for the quiz to close).</summary>
    public int FiledWrong { get; private set; }
    /// <summary>Wrong answers that go to the deck when the quiz closes (feedback after closing).</summary>
    public int WaitingWrong { get; private set; }
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
        if (IsOwn && attempt.State is AttemptState.Submitted or AttemptState.Overdue)
        {
            // As WrongAnswersToDeck files them: every question not fully right, except those waiting for a trainer.
            var wrong = attempt.Questions.Count(q => !q.NeedsManualGrading && (q.Fraction ?? 0) < 1);
            if (attempt.DeckDueUtc is null) FiledWrong = wrong; else WaitingWrong = wrong;
            InDeck = await deck.InDeckAsync(me, View.Slots.Select(s => s.Question.ContentItemId).ToList(), HttpContext.RequestAborted);
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
