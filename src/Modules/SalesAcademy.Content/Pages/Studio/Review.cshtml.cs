using System.Collections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>
/// One contribution as readers will see it, its review thread, and the reviewer's actions: comment,
/// return with requests, publish (content.publish as well). Anyone without content.review gets 404.
/// </summary>
[Authorize]
public sealed class ReviewModel(Contributions contributions, ContentManager manager, ContentAccess access, ContentDefinitions definitions,
    PublishedContent published) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ContentContribution Contribution { get; private set; } = null!;
    public ContentItem Item { get; private set; } = null!;
    public IReadOnlyList<ContentReviewNote> Notes { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public bool CanPublish { get; private set; }
    public string? PublishedUrl { get; private set; }
    /// <summary>A notice code from the query string (<see cref="Notices"/>); the view shows only the codes it knows.</summary>
    public string? Message { get; private set; }
    /// <summary>A <see cref="ContentWorkflowException"/> message: fixed English text from the code.</summary>
    public string? Error { get; private set; }
    public string CommentText { get; private set; } = "";
    public string ReturnText { get; private set; } = "";

    /// <summary>The type's own fields (e.g. a case's company, outcome, roles) as label and value.</summary>

    public async Task<IActionResult> OnGetAsync(string? m)
    {
        if (!await LoadAsync()) return NotFound();
        Message = m;
        return Page();
    }

    public async Task<IActionResult> OnPostCommentAsync(string? text)
    {
        if (!await LoadAsync()) return NotFound();
        return await RunAsync(() => contributions.CommentAsync(Id, User, text ?? ""), Notices.Commented, () => CommentText = text ?? "");
    }

    public async Task<IActionResult> OnPostReturnAsync(string? requests)
    {
        if (!await LoadAsync()) return NotFound();
        return await RunAsync(() => contributions.ReturnAsync(Id, User, requests ?? ""), Notices.Returned, () => ReturnText = requests ?? "");
    }

    public async Task<IActionResult> OnPostPublishAsync(string? note)
    {
        if (!await LoadAsync() || !CanPublish) return NotFound();
        return await RunAsync(() => contributions.PublishAsync(Id, User, note), Notices.Published, () => { });
    }

    private async Task<IActionResult> RunAsync(Func<Task> action, string done, Action keepInput)
    {
        try
        {
            await action();
        }
        catch (ContentWorkflowException ex)
        {
            Error = ex.Message;
            keepInput();
            return Page();
        }
        return Redirect($"{Contributions.ReviewUrl(Id)}?m={done}");
    }

    private async Task<bool> LoadAsync()
    {
        if (!await access.HasAsync(User, ContentPermissions.Review)) return false;
        if (await contributions.FindAsync(Id) is not { } contribution) return false;
        if (await manager.GetAsync(Id, VersionOptions.Latest) is not { } item) return false;
        Contribution = contribution;
        Item = item;
        CanPublish = await access.HasAsync(User, ContentPermissions.Publish);
        Notes = await contributions.NotesAsync(Id);
        Taxonomy = await published.TaxonomyAsync();
        if (await published.ByIdAsync(Id) is { } live) PublishedUrl = definitions.UrlFor(live);
        return true;
    }

    /// <summary>What a redirect to the review may announce; the query string carries the code, never the text.</summary>
    public static class Notices
    {
        public const string Commented = "commented", Returned = "returned", Published = "published";
    }
}
