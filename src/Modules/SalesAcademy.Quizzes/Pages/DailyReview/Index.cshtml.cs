using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Markdown.Services;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Pages.DailyReview;

/// <summary>
/// "Today's review": the next due card of the signed-in user's deck (its question's current published version), "Show
/// answer" (<c>?show={cardId}</c>, a plain link that htmx swaps in place), then Again / Hard / Good / Easy with the
/// interval FSRS gives each. A rating posts the card's review count as a token: a second post of the same form is
/// refused and the next card shown. Cards of other users are 404.
/// </summary>
[Authorize(Policy = "perm:" + QuizPermissions.Take)]
public sealed class IndexModel(ReviewDeck deck, PublishedContent published, ContentDefinitions definitions, IMarkdownRenderer markdown) : PageModel
{
    public const string StaleNotice = "stale";

    public ReviewCard? Card { get; private set; }
    public ContentItem? Question { get; private set; }
    public QuestionPart Part { get; private set; } = new();
    public string StemHtml { get; private set; } = "";
    public string ExplanationHtml { get; private set; } = "";
    public bool Revealed { get; private set; }
    public IReadOnlyDictionary<ReviewRating, FsrsOutcome> Outcomes { get; private set; } = new Dictionary<ReviewRating, FsrsOutcome>();
    public ContentItem? Source { get; private set; }
    public string? SourceUrl { get; private set; }
    public int DueCount { get; private set; }
    public int DeckSize { get; private set; }
    public DateTime? NextDueUtc { get; private set; }
    public bool WasStale { get; private set; }
    /// <summary>The interval the last rating gave (after a rating's redirect).</summary>
    public int? LastIntervalDays { get; private set; }

    public static readonly ReviewRating[] Ratings = [ReviewRating.Again, ReviewRating.Hard, ReviewRating.Good, ReviewRating.Easy];

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;
    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task OnGetAsync(long? show, string? notice, int? days)
    {
        WasStale = notice == StaleNotice;
        LastIntervalDays = days is >= 1 and <= FsrsParameters.DefaultMaximumIntervalDays ? days : null;
        Card = await deck.NextDueAsync(Me, Aborted);
        DueCount = await deck.DueCountAsync(Me, Aborted);
        (DeckSize, NextDueUtc) = await deck.SummaryAsync(Me, Aborted);
        if (Card is null) return;

        // NextDueAsync only returns a card whose question this user may see now.
        Question = await deck.QuestionForAsync(Card, Aborted);
        if (Question is null)
        {
            Card = null;
            return;
        }
        Part = Question.As<QuestionPart>();
        StemHtml = markdown.RenderCached($"question:{Question.ContentItemVersionId}:stem", Question.As<MarkdownBodyPart>().Markdown);
        // The answer goes into the page only once asked for, and only for the card that is due next.
        Revealed = show == Card.Id;
        if (!Revealed) return;
        ExplanationHtml = markdown.RenderCached($"question:{Question.ContentItemVersionId}:explanation", Part.Explanation);
        Outcomes = deck.Preview(Card);
        if (Part.Source is { Length: > 0 } sourceId && await published.ByIdAsync(sourceId) is { } source
            && definitions.Find(source.ContentType) is { ReaderVisible: true })
        {
            Source = source;
            SourceUrl = definitions.UrlFor(source);
        }
    }

    public async Task<IActionResult> OnPostRateAsync(long cardId, ReviewRating rating, int reps)
    {
        if (!Enum.IsDefined(rating)) return BadRequest();
        var result = await deck.RateAsync(Me, cardId, rating, reps, Aborted);
        return result.Status switch
        {
            RateStatus.NotFound => NotFound(),
            RateStatus.Stale => RedirectToPage(new { notice = StaleNotice }),
            _ => RedirectToPage(new { days = result.Outcome!.IntervalDays }),
        };
    }

    /// <summary>The ordering items as shown before the answer: rotated by one, so never in the right order.</summary>
    public IReadOnlyList<string> ScrambledItems => Part.Items.Count < 2 ? Part.Items : [.. Part.Items.Skip(1), Part.Items[0]];
}
