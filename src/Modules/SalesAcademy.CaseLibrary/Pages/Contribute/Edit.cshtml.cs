using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Content.Pages.Studio;
using SalesAcademy.Core.Localization;
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
    PublishedContent published, ContentDefinitions definitions, IMarkdownRenderer markdown, ContentErrorText errorText) : PageModel
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
    /// <summary>The problems of a refused save, in the reader's language with each field's label.</summary>
    public IReadOnlyList<ContentErrorView> Errors { get; private set; } = [];

    /// <summary>The case fields and tag picker, shared with the studio's editor: the latest version, or what was typed when a save was refused.</summary>
    public ContentEditorView Editor { get; private set; } = null!;
    public string Title => Editor.Part<TitlePart>().Title;
    public string Body { get; private set; } = "";
    public string BasedOnVersionId { get; private set; } = "";
    public string ReplyText { get; private set; } = "";
    public string NoteText { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? m)
    {
        if (!await LoadAsync()) return NotFound();
        Message = m;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await LoadAsync() || !Editable) return NotFound();
        var (id, refused) = await SaveFormAsync();
        return refused ?? Redirect($"/contribute/{id}?m={Notices.Saved}");
    }

    /// <summary>
    /// "Submit for review" posts the whole form: what was typed is saved first (a refused save submits nothing and
    /// keeps the text), then the contribution goes to the reviewers.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(string? note)
    {
        if (!await LoadAsync()) return NotFound();
        if (!IsNew && !IsContributor) return NotFound();
        NoteText = note ?? "";
        var id = Id;
        if (Editable && Request.Form.Keys.Any(k => k.StartsWith(ContentForm.Prefix, StringComparison.Ordinal)))
        {
            (id, var refused) = await SaveFormAsync();
            if (refused is not null) return refused;
        }
        else if (IsNew) return NotFound();
        try { await contributions.SubmitAsync(id, User, note); }
        catch (ContentWorkflowException ex) { Error = ex.Message; return Page(); }
        return Redirect($"/contribute/{id}?m={Notices.Submitted}");
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

    /// <summary>Saves the posted form as the contribution's next draft (or its first); on refusal the page to show, with what was typed.</summary>
    private async Task<(string Id, IActionResult? Refused)> SaveFormAsync()
    {
        var fields = ContentForm.ToFields(Request.Form);
        var body = Request.Form["body"].ToString();
        var id = IsNew ? ContentIds.New() : Id;
        fields["slug"] = IsNew ? id : Item!.Slug;
        var edit = await editing.ReadAsync(CaseLibraryModule.ContentType, id, fields, body, Item, mayAssignOwner: false);
        if (!edit.IsValid) return (id, await RefusedAsync(edit.Errors, edit.Item));
        try
        {
            if (IsNew) await contributions.CreateAsync(edit.Item!, User);
            else await contributions.SaveAsync(edit.Item!, Request.Form["basedOnVersionId"].ToString(), User);
        }
        catch (ContentValidationException ex) { return (id, await RefusedAsync(ex.Errors, edit.Item)); }
        catch (ContentConflictException) { Error = "This case was changed elsewhere since you opened it. Copy your text, reload and try again."; return (id, await RefusedAsync([], edit.Item)); }
        catch (ContentWorkflowException ex) { Error = ex.Message; return (id, await RefusedAsync([], edit.Item)); }
        return (id, null);
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<ContentFieldError> errors, ContentItem? typed)
    {
        Errors = errorText.Describe(CaseLibraryModule.ContentType, errors);
        // What was typed, even when the item could not be read at all (then only the text fields survive).
        var shown = typed ?? manager.New(CaseLibraryModule.ContentType, Item?.ContentItemId ?? "new");
        if (typed is null)
        {
            shown.Apply(new TitlePart { Title = Request.Form["f.title"].ToString(), Summary = Request.Form["f.summary"].ToString() });
            shown.Culture = Request.Form["f.culture"].ToString() is { Length: > 0 } culture ? culture : "zh-CN";
        }
        Body = Request.Form["body"].ToString();
        BasedOnVersionId = Request.Form["basedOnVersionId"].ToString();
        NoteText = Request.Form["note"].ToString();
        await BuildEditorAsync(shown);
        return Page();
    }

    private async Task BuildEditorAsync(ContentItem item) =>
        Editor = new ContentEditorView(item, Errors, Taxonomy, (await published.AllAsync()).OrderBy(i => i.DisplayText).ToList()) { CanAddTags = false };

    /// <summary>False when this reader may not see the contribution (or it does not exist).</summary>
    private async Task<bool> LoadAsync()
    {
        Taxonomy = await published.TaxonomyAsync();
        if (IsNew)
        {
            var blank = manager.New(CaseLibraryModule.ContentType, NewId);
            blank.Culture = PortalCultures.CurrentIsChinese ? "zh-CN" : "en";
            await BuildEditorAsync(blank);
            return await access.HasAsync(User, ContentPermissions.Contribute);
        }
        Contribution = await contributions.FindAsync(Id);
        if (Contribution is null || Contribution.ContentType != CaseLibraryModule.ContentType) return false;
        IsContributor = string.Equals(Contribution.Contributor, User.UserName(), StringComparison.OrdinalIgnoreCase)
            && await access.HasAsync(User, ContentPermissions.Contribute);
        if (!IsContributor && !await access.HasAsync(User, ContentPermissions.Review)) return false;
        Item = await manager.GetAsync(Id, VersionOptions.Latest);
        if (Item is null) return false;
        Notes = await contributions.NotesAsync(Id);
        if (await published.ByIdAsync(Id) is { } live) PublishedUrl = definitions.UrlFor(live);

        Body = Item.As<MarkdownBodyPart>().Markdown;
        BasedOnVersionId = Item.ContentItemVersionId;
        await BuildEditorAsync(Item);
        return true;
    }
}
