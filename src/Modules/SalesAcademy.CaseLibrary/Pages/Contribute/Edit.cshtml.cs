using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Markdown.Services;

namespace SalesAcademy.CaseLibrary.Pages.Contribute;

/// <summary>
/// A rep's case from their own deal (/contribute/new, /contribute/{id}): a simplified case form while it is
/// a draft or returned, read-only once submitted or published, and the review thread. Only the contributor
/// and reviewers (content.review) see it; anyone else gets 404.
/// </summary>
[Authorize]
public sealed class EditModel(Contributions contributions, ContentManager manager, ContentEditing editing, ContentAccess access,
    PublishedContent published, ContentDefinitions definitions, IMarkdownRenderer markdown) : PageModel
{
    public const string NewId = "new";
    /// <summary>What a redirect to the form may announce; the query string carries the code, never the text.</summary>
    public static class Notices
    {
        public const string Saved = "saved", Submitted = "submitted", Commented = "commented";
    }

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public bool IsNew => Id == NewId;
    public ContentContribution? Contribution { get; private set; }
    public ContentItem? Item { get; private set; }
    public bool IsContributor { get; private set; }
    public bool Editable => IsNew || (IsContributor && Contribution is { EditableByContributor: true });
    public IReadOnlyList<ContentReviewNote> Notes { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public string? PublishedUrl { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<ContentFieldError> Errors { get; private set; } = [];

    // What the form shows: the latest version, or what was typed when a save was refused.
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Culture { get; private set; } = "zh-CN";
    public string Company { get; private set; } = "";
    public string Industry { get; private set; } = "";
    public string DealSize { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public string Lessons { get; private set; } = "";
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public string Body { get; private set; } = "";
    public string BasedOnVersionId { get; private set; } = "";
    public string ReplyText { get; private set; } = "";

    public IEnumerable<string> ErrorsFor(string field) =>
        Errors.Where(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal)).Select(e => e.Message);

    public async Task<IActionResult> OnGetAsync(string? m)
    {
        if (!await LoadAsync()) return NotFound();
        Message = m;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await LoadAsync() || !Editable) return NotFound();
        var fields = ContentForm.ToFields(Request.Form);
        var body = Request.Form["body"].ToString();
        var id = IsNew ? ContentIds.New() : Id;
        fields["slug"] = IsNew ? id : Item!.Slug;
        var edit = await editing.ReadAsync(CaseLibraryModule.ContentType, id, fields, body, Item, mayAssignOwner: false);
        if (!edit.IsValid) return Refused(edit.Errors);
        try
        {
            if (IsNew) await contributions.CreateAsync(edit.Item!, User);
            else await contributions.SaveAsync(edit.Item!, Request.Form["basedOnVersionId"].ToString(), User);
        }
        catch (ContentValidationException ex) { return Refused(ex.Errors); }
        catch (ContentConflictException) { Error = "This case was changed elsewhere since you opened it. Copy your text, reload and try again."; return Refused([]); }
        catch (ContentWorkflowException ex) { Error = ex.Message; return Refused([]); }
        return Redirect($"/contribute/{id}?m={Notices.Saved}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(string? note)
    {
        if (!await LoadAsync() || IsNew || !IsContributor) return NotFound();
        try { await contributions.SubmitAsync(Id, User, note); }
        catch (ContentWorkflowException ex) { Error = ex.Message; return Page(); }
        return Redirect($"/contribute/{Id}?m={Notices.Submitted}");
    }

    public async Task<IActionResult> OnPostCommentAsync(string? text)
    {
        if (!await LoadAsync() || IsNew) return NotFound();
        try { await contributions.CommentAsync(Id, User, text ?? ""); }
        catch (ContentWorkflowException ex) { Error = ex.Message; ReplyText = text ?? ""; return Page(); }
        return Redirect($"/contribute/{Id}?m={Notices.Commented}");
    }

    /// <summary>The body as readers will see it (sanitised HTML), for the form's live preview (htmx).</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!await access.HasAsync(User, ContentPermissions.Contribute)) return NotFound();
        return Content(markdown.Render(Request.Form["body"].ToString()), "text/html; charset=utf-8");
    }

    private IActionResult Refused(IReadOnlyList<ContentFieldError> errors)
    {
        Errors = errors;
        var form = Request.Form;
        Title = form["f.title"].ToString(); Summary = form["f.summary"].ToString(); Culture = form["f.culture"].ToString();
        Company = form["f.company"].ToString(); Industry = form["f.industry"].ToString();
        DealSize = form["f.dealSize"].ToString(); Outcome = form["f.outcome"].ToString();
        Roles = form["f.roles[]"].Select(v => v ?? "").ToList(); Tags = form["f.tags[]"].Select(v => v ?? "").ToList();
        Lessons = form["f.lessons:lines"].ToString(); Body = form["body"].ToString();
        BasedOnVersionId = form["basedOnVersionId"].ToString();
        return Page();
    }

    /// <summary>False when this reader may not see the contribution (or it does not exist).</summary>
    private async Task<bool> LoadAsync()
    {
        Taxonomy = await published.TaxonomyAsync();
        if (IsNew) return await access.HasAsync(User, ContentPermissions.Contribute);
        Contribution = await contributions.FindAsync(Id);
        if (Contribution is null || Contribution.ContentType != CaseLibraryModule.ContentType) return false;
        IsContributor = string.Equals(Contribution.Contributor, User.UserName(), StringComparison.OrdinalIgnoreCase)
            && await access.HasAsync(User, ContentPermissions.Contribute);
        if (!IsContributor && !await access.HasAsync(User, ContentPermissions.Review)) return false;
        Item = await manager.GetAsync(Id, VersionOptions.Latest);
        if (Item is null) return false;
        Notes = await contributions.NotesAsync(Id);
        if (await published.ByIdAsync(Id) is { } live) PublishedUrl = definitions.UrlFor(live);

        var title = Item.As<TitlePart>();
        var c = Item.As<CaseStudyPart>();
        Title = title.Title; Summary = title.Summary ?? ""; Culture = Item.Culture;
        Company = c.Company; Industry = c.Industry; DealSize = c.DealSize; Outcome = c.Outcome; Roles = c.Roles;
        Lessons = string.Join("\n", c.Lessons); Tags = Item.As<TagsPart>().Tags; Body = Item.As<MarkdownBodyPart>().Markdown;
        BasedOnVersionId = Item.ContentItemVersionId;
        return true;
    }
}
