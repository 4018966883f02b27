using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

/// <summary>A quiz's page: what it asks, its rules, the reader's attempts, and Start / Resume.</summary>
public sealed class DetailsModel(PublishedContent published, QuizAttempts attempts, AttemptViews views, SalesAcademy.Quizzes.Rounds.QuizRounds rounds) : ContentDetailsPageModel<QuizPart>(published)
{
    protected override string ContentType => QuizzesModule.QuizType;

    public IReadOnlyList<QuizAttempt> MyAttempts { get; private set; } = [];
    public bool CanTake { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanSeeTeam { get; private set; }
    public string? Refusal { get; private set; }
    /// <summary>The reader's team round for this quiz that is due and not finished yet (the earliest), or null.</summary>
    public SalesAcademy.Quizzes.Rounds.DueRound? DueRound { get; private set; }

    public override async Task<IActionResult> OnGetAsync(string slug, string? preview)
    {
        var result = await base.OnGetAsync(slug, preview);
        if (result is PageResult) await LoadAsync();
        return result;
    }

    public async Task<IActionResult> OnPostStartAsync(string slug)
    {
        if (await base.OnGetAsync(slug, null) is not PageResult) return NotFound();
        if (!await views.HasAsync(User, QuizPermissions.Take)) return Forbid();
        var started = await attempts.StartAsync(Item.ContentItemId, new Taker(User.FindFirstValue(ClaimTypes.NameIdentifier)!, User.UserName()));
        if (started.Attempt is { } attempt) return Redirect($"/quizzes/attempt/{attempt.Id}");
        Refusal = started.Refusal;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CanTake = await views.HasAsync(User, QuizPermissions.Take);
        CanManage = await views.HasAsync(User, QuizPermissions.Manage);
        CanSeeTeam = CanManage || await views.HasAsync(User, QuizPermissions.TeamResults);
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (me is not null)
        {
            MyAttempts = await attempts.ListOwnAsync(me, Item.ContentItemId);
            DueRound = (await rounds.DueForAsync(me)).FirstOrDefault(r => r.QuizItemId == Item.ContentItemId);
        }
    }
}
