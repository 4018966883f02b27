using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using SalesAcademy.Comments.Models;
using SalesAcademy.Comments.Services;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Comments.Pages.Comments;

/// <summary>
/// Where the comment forms post: new, edit, delete, hide and show. A plain form gets a redirect back to the
/// item (or this page with the problem and the text kept); an htmx request gets the re-rendered comments section.
/// Anything the user may not do, on an item that is not published, or a comment they cannot see, is 404.
/// </summary>
[Authorize]
public sealed class IndexModel(
    CommentThreads threads,
    PublishedContent published,
    ContentDefinitions definitions,
    IAuthorizationService authorization,
    IUserDirectory directory,
    IUserNotifications notifications,
    IAuditLog audit,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The notification the item's owner gets: {0} the commenter's display name, {1} the item's title.</summary>
    public const string CommentedTemplate = "{0} commented on “{1}”.";

    public const string ChangedMessage = "Someone changed this comment in the meantime. Reload the page and try again.";

    // Shown (with the comments) when a plain form was refused.
    public ContentItem Item { get; private set; } = null!;
    public string ItemUrl { get; private set; } = "";
    public CommentProblem? Problem { get; private set; }
    public string? Draft { get; private set; }
    public long? EditingId { get; private set; }

    private string Me => User.Identity!.Name!;
    private CancellationToken Aborted => HttpContext.RequestAborted;

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? contentItemId, string? text)
    {
        if (!await MayAsync(CommentsPermissions.Post) || string.IsNullOrEmpty(contentItemId)
            || await CommentableAsync(contentItemId) is not { } item) return NotFound();

        var markdown = CommentRules.Normalize(text);
        if (CommentRules.Check(markdown) is { } problem) return Refused(item, problem, markdown, editing: null);

        var comment = await threads.PostAsync(item.ContentItemId, Me, User.DisplayName(), markdown, Aborted);
        await NotifyOwnerAsync(item, comment);
        return Done(item, comment.Id);
    }

    public async Task<IActionResult> OnPostEditAsync(long id, string? text)
    {
        if (await VisibleAsync(id) is not ({ } comment, { } item) || !IsAuthor(comment) || !await MayAsync(CommentsPermissions.Post)) return NotFound();

        var markdown = CommentRules.Normalize(text);
        if (CommentRules.Check(markdown) is { } problem) return Refused(item, problem, markdown, comment.Id);
        if (!await threads.EditAsync(comment, User.DisplayName(), markdown, Aborted))
            return Refused(item, new(ChangedMessage, []), markdown, comment.Id);
        return Done(item, comment.Id);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        if (await VisibleAsync(id) is not ({ } comment, { } item)) return NotFound();
        var own = IsAuthor(comment);
        if (!own && !await MayAsync(CommentsPermissions.Moderate)) return NotFound();

        if (await threads.DeleteAsync(comment.Id, Aborted) && !own)
            await audit.RecordAsync("comment.delete", Target(comment), $"item {comment.ContentItemId}; author {comment.Author}; text: {Excerpt(comment.Markdown)}", ct: Aborted);
        return Done(item, null);
    }

    public Task<IActionResult> OnPostHideAsync(long id) => SetHiddenAsync(id, hidden: true);

    public Task<IActionResult> OnPostShowAsync(long id) => SetHiddenAsync(id, hidden: false);

    private async Task<IActionResult> SetHiddenAsync(long id, bool hidden)
    {
        if (!await MayAsync(CommentsPermissions.Moderate) || await VisibleAsync(id) is not ({ } comment, { } item)) return NotFound();
        if (comment.Hidden == hidden) return Done(item, comment.Id);
        if (!await threads.SetHiddenAsync(comment, hidden, Me, Aborted))
            return Refused(item, new(ChangedMessage, []), null, comment.Id);
        await audit.RecordAsync(hidden ? "comment.hide" : "comment.show", Target(comment), $"item {comment.ContentItemId}; author {comment.Author}", ct: Aborted);
        return Done(item, comment.Id);
    }

    /// <summary>The comment and its published item, if this user may see them (hidden comments: moderators only).</summary>
    private async Task<(Comment, ContentItem)?> VisibleAsync(long id)
    {
        if (await threads.FindAsync(id, Aborted) is not { } comment) return null;
        if (await CommentableAsync(comment.ContentItemId) is not { } item) return null;
        if (comment.Hidden && !await MayAsync(CommentsPermissions.Moderate)) return null;
        return (comment, item);
    }

    /// <summary>The published item, if its type takes comments (questions and quizzes do not: their titles stay unseen).</summary>
    private async Task<ContentItem?> CommentableAsync(string contentItemId) =>
        await published.ByIdAsync(contentItemId) is { } item && definitions.Find(item.ContentType) is { Commentable: true } ? item : null;

    private async Task<bool> MayAsync(string permission) =>
        await authorization.HasPermissionAsync(User, permission);

    private bool IsAuthor(Comment comment) => string.Equals(comment.Author, Me, StringComparison.OrdinalIgnoreCase);

    /// <summary>The owner hears about a comment on their item, unless they wrote it.</summary>
    private async Task NotifyOwnerAsync(ContentItem item, Comment comment)
    {
        if (item.Owner is not { } owner || string.Equals(owner, Me, StringComparison.OrdinalIgnoreCase)) return;
        try
        {
            // Imported items may name an owner who is no user of the portal: nobody to tell.
            if (!(await directory.DisplayNamesAsync([owner], Aborted)).ContainsKey(owner)) return;
            await notifications.NotifyAsync([owner], new Notice(CommentsModule.CommentKind, CommentedTemplate, [comment.AuthorName, item.DisplayText], $"{definitions.UrlFor(item)}#comment-{comment.Id}"), Aborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The comment is saved; a lost notification must not turn that into an error page.
            logger.LogWarning(e, "Could not notify {Owner} of comment {CommentId}", owner, comment.Id);
        }
    }

    private IActionResult Done(ContentItem item, long? commentId)
    {
        if (Request.IsHtmx()) return Section(item, null, null, null);
        return Redirect(definitions.UrlFor(item) + (commentId is { } id ? $"#comment-{id}" : "#comments"));
    }

    private IActionResult Refused(ContentItem item, CommentProblem problem, string? draft, long? editing)
    {
        // htmx swaps only 2xx answers: the section comes back with the message at the form.
        if (Request.IsHtmx()) return Section(item, problem, draft, editing);
        Item = item;
        ItemUrl = definitions.UrlFor(item);
        Problem = problem;
        Draft = draft;
        EditingId = editing;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private ViewComponentResult Section(ContentItem item, CommentProblem? problem, string? draft, long? editing) => new()
    {
        ViewComponentName = "Comments",
        Arguments = new { contentItemId = item.ContentItemId, problem, draft, editing },
    };

    private static string Target(Comment comment) => $"comment:{comment.Id}";

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
