using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Comments.Models;
using SalesAcademy.Comments.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Markdown.Services;

namespace SalesAcademy.Comments.Pages.Shared.Components.Comments;

/// <summary>
/// The comments under an item and the form to add one. Item pages invoke it outside their cached body
/// (<c>@await Component.InvokeAsync("Comments", new { contentItemId })</c>): what it shows depends on the reader.
/// </summary>
public sealed class CommentsViewComponent(CommentThreads threads, IAuthorizationService authorization, IMarkdownRenderer markdown) : ViewComponent
{
    /// <param name="problem">Why the last post or edit was refused (shown at its form, with the text kept in <paramref name="draft"/>).</param>
    /// <param name="editing">The comment whose edit was refused; null for the new-comment form.</param>
    public async Task<IViewComponentResult> InvokeAsync(string contentItemId, CommentProblem? problem = null, string? draft = null, long? editing = null)
    {
        var user = UserClaimsPrincipal;
        var me = user.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
        var canPost = me is not null && await authorization.HasPermissionAsync(user, CommentsPermissions.Post);
        var canModerate = me is not null && await authorization.HasPermissionAsync(user, CommentsPermissions.Moderate);

        var comments = await threads.ForItemAsync(contentItemId, includeHidden: canModerate, HttpContext.RequestAborted);
        var views = comments.Select(c => new CommentView(
                c,
                // Immutable per (id, version): an edit makes a new key, so nothing is ever invalidated.
                markdown.RenderCached($"comment:{c.Id}:{c.Version}", c.Markdown),
                me is not null && string.Equals(c.Author, me, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var loginUrl = "/account/login?ReturnUrl=" + Uri.EscapeDataString(HttpContext.Request.Path + HttpContext.Request.QueryString);
        return View(new CommentsView(contentItemId, views, me is not null, canPost, canModerate, loginUrl, problem, draft, editing));
    }
}

public sealed record CommentsView(
    string ContentItemId, IReadOnlyList<CommentView> Comments, bool SignedIn, bool CanPost, bool CanModerate, string LoginUrl,
    CommentProblem? Problem, string? Draft, long? EditingId)
{
    public int VisibleCount => Comments.Count(c => !c.Comment.Hidden);
}

/// <param name="Html">The sanitised HTML of the comment's Markdown.</param>
public sealed record CommentView(Comment Comment, string Html, bool IsOwn);
