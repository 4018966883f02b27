using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Markdown.Services;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>
/// The trainers' editor for any content type: common fields, the type's structured fields (its
/// <c>_{Type}Fields</c> partial), the Markdown body with a live server preview, and the workflow buttons.
/// Every write goes through <see cref="ContentManager"/>; anything the user may not edit is a 404.
/// </summary>
[Authorize]
public sealed class EditModel(ContentManager manager, ContentAccess access, ContentEditing editing, ContentDefinitions definitions,
    PublishedContent published, Contributions contributions, IMarkdownRenderer markdown, IEnumerable<IContentFormAdapter> adapters,
    ContentErrorText errorText) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty] public string? BasedOnVersionId { get; set; }
    [BindProperty] public string Body { get; set; } = "";
    [BindProperty] public string? NewId { get; set; }

    public ContentItem Item { get; private set; } = null!;
    public ContentItem? Latest { get; private set; }
    public ContentContribution? Contribution { get; private set; }
    public ContentTypeDefinition Definition { get; private set; } = null!;
    public ContentEditorView Editor { get; private set; } = null!;
    /// <summary>The problems of a refused save, said in the reader's language with each field's label (the path stays for the form).</summary>
    public IReadOnlyList<ContentErrorView> Errors { get; private set; } = [];
    /// <summary>A notice code from the query string (<see cref="Notices"/>); the view shows only the codes it knows.</summary>
    public string? Message { get; private set; }
    public ContentConflictException? Conflict { get; private set; }
    public IReadOnlyList<DiffRow> ConflictDiff { get; private set; } = [];
    public bool CanPublish { get; private set; }
    public bool CanDelete { get; private set; }
    /// <summary>content.edit.any: only then does the form offer (and the server read) the owner field.</summary>
    public bool CanAssignOwner { get; private set; }
    public bool IsNew => Latest is null;
    public bool HasPublishedVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, string? saved)
    {
        if (!await LoadAsync(id)) return NotFound();
        Item = Latest ?? NewItem();
        Body = Item.As<MarkdownBodyPart>().Markdown;
        BasedOnVersionId = Latest?.ContentItemVersionId;
        Message = saved;
        await BuildEditorAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? id, bool publish = false, string? overwrite = null)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (publish && !CanPublish) return NotFound();
        var itemId = Latest?.ContentItemId ?? (string.IsNullOrWhiteSpace(NewId) ? ContentIds.New() : NewId.Trim());
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form = Request.Form;
        foreach (var adapter in adapters.Where(a => a.ContentType == Definition.Name)) form = adapter.Adapt(form);
        var fields = ContentForm.ToFields(form);
        // A new item saved without an address (no script, or the author cleared it) gets the one its title suggests.
        if (Latest is null && string.IsNullOrWhiteSpace((string?)fields["slug"]) && ContentSlugs.FromTitle((string?)fields["title"]) is { Length: > 0 } suggested)
            fields["slug"] = suggested;
        var errors = new List<ContentFieldError>();
        if (Request.Form["newTag.key"].ToString() is { Length: > 0 } tagKey)
        {
            // The new term goes into the taxonomy first, so the item's tag check finds it.
            var tagErrors = await editing.AddTermAsync(tagKey, Request.Form["newTag.group"], Request.Form["newTag.zh"], Request.Form["newTag.en"]);
            errors.AddRange(tagErrors);
            var key = tagKey.Trim().ToLowerInvariant();
            if (tagErrors.Count == 0)
            {
                if (fields["tags"] is not System.Text.Json.Nodes.JsonArray tags) fields["tags"] = tags = [];
                if (!tags.Any(t => (string?)t == key)) tags.Add(key);
            }
        }
        var edit = await editing.ReadAsync(Definition.Name, itemId, fields, Body, Latest, mayAssignOwner: CanAssignOwner);
        errors.AddRange(edit.Errors);
        Item = edit.Item ?? Latest ?? NewItem();
        if (errors.Count > 0 || edit.Item is null) return await ShowAsync(errors);

        var me = ContentActor.Of(User);
        var item = edit.Item;
        if (Latest is null && !CanAssignOwner)
        {
            // content.edit.own: what you create is yours.
            var ownership = item.As<OwnershipPart>();
            ownership.Owner = me.UserName;
            item.Apply(ownership);
        }
        try
        {
            ContentItem saved;
            if (Latest is null) saved = await manager.CreateAsync(item, me, publish);
            else
            {
                var basedOn = overwrite ?? BasedOnVersionId ?? "";
                saved = publish ? await manager.SaveAndPublishAsync(item, basedOn, me) : await manager.SaveDraftAsync(item, basedOn, me);
            }
            return RedirectToPage(new { id = saved.ContentItemId, saved = publish ? Notices.SavedAndPublished : Notices.DraftSaved });
        }
        catch (ContentValidationException ex)
        {
            return await ShowAsync(ex.Errors);
        }
        catch (ContentConflictException ex)
        {
            // Keep what this user typed; show what the other person changed since the version they started from.
            Conflict = ex;
            if (await manager.GetVersionAsync(ex.BasedOnVersionId) is { } start)
                ConflictDiff = TextDiff.SideBySide(ContentExporter.ToFile(start, Definition), ContentExporter.ToFile(ex.Current, Definition));
            return await ShowAsync([]);
        }
    }

    /// <summary>The address the title suggests (pinyin for a Chinese title), for the editor's script: <c>{"slug": "..."}</c>.</summary>
    public async Task<IActionResult> OnGetSlugAsync(string? title)
    {
        if (!await LoadAsync(null)) return NotFound();
        return new JsonResult(new { slug = ContentSlugs.FromTitle(title?.Length > 300 ? title[..300] : title) });
    }

    /// <summary>The live preview: the body through the same sanitised pipeline readers get.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Content(markdown.Render(Body), "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostPublishAsync(string id) =>
        await WorkflowAsync(id, () => CanPublish, () => manager.PublishAsync(id, BasedOnVersionId, ContentActor.Of(User)), Notices.Published);

    public async Task<IActionResult> OnPostUnpublishAsync(string id) =>
        await WorkflowAsync(id, () => CanPublish, () => manager.UnpublishAsync(id, ContentActor.Of(User)), Notices.Unpublished);

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (!await LoadAsync(id) || Latest is null || !CanDelete) return NotFound();
        await manager.DeleteAsync(id, ContentActor.Of(User));
        return RedirectToPage("Index", new { message = IndexModel.Notices.Deleted });
    }

    private async Task<IActionResult> WorkflowAsync<T>(string id, Func<bool> allowed, Func<Task<T>> action, string done)
    {
        if (!await LoadAsync(id) || Latest is null || !allowed()) return NotFound();
        try
        {
            await action();
            return RedirectToPage(new { id, saved = done });
        }
        catch (ContentConflictException ex)
        {
            Item = Latest;
            Body = Item.As<MarkdownBodyPart>().Markdown;
            Conflict = ex;
            return await ShowAsync([]);
        }
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<ContentFieldError> errors)
    {
        Errors = errorText.Describe(Definition.Name, errors);
        await BuildEditorAsync();
        return Page();
    }

    /// <summary>Finds the type and latest version and decides the rights; false means "not found" for this user.</summary>
    private async Task<bool> LoadAsync(string? id)
    {
        if (id is not null)
        {
            Latest = await manager.GetAsync(id, VersionOptions.Latest);
            if (Latest is null) return false;
            Contribution = await contributions.FindAsync(id);
            if (!await access.CanEditAsync(User, Latest, Contribution)) return false;
            Type = Latest.ContentType;
            HasPublishedVersion = Latest.Published || await manager.GetAsync(id) is not null;
        }
        else if (!await access.HasAsync(User, ContentPermissions.EditOwn) && !await access.HasAsync(User, ContentPermissions.EditAny)) return false;
        if (Type is null || definitions.Find(Type) is not { } definition) return false;
        Definition = definition;
        CanPublish = await access.HasAsync(User, ContentPermissions.Publish);
        CanDelete = await access.HasAsync(User, ContentPermissions.Delete);
        CanAssignOwner = await access.HasAsync(User, ContentPermissions.EditAny);
        return true;
    }

    private ContentItem NewItem()
    {
        var item = manager.New(Definition.Name, "new");
        item.Apply(new OwnershipPart { Owner = User.UserName() });
        return item;
    }

    private async Task BuildEditorAsync()
    {
        // The pickers offer what this editor may read: every latest version with content.view.drafts, otherwise
        // the published versions and their own items (never the titles of other people's drafts).
        IEnumerable<ContentItem> readable = await manager.ListLatestAsync();
        if (!await access.HasAsync(User, ContentPermissions.ViewDrafts))
        {
            var own = readable.Where(i => ContentAccess.IsOwnerOrAuthor(User, i)).ToList();
            readable = own.Concat((await published.AllAsync()).Where(p => own.All(o => o.ContentItemId != p.ContentItemId)));
        }
        var linkable = readable.Where(i => i.ContentItemId != Item.ContentItemId).OrderBy(i => i.DisplayText).ToList();
        Editor = new ContentEditorView(Item, Errors, await published.TaxonomyAsync(), linkable);
    }

    /// <summary>What a redirect to the editor may announce; the query string carries the code, never the text.</summary>
    public static class Notices
    {
        public const string DraftSaved = "draft-saved", SavedAndPublished = "saved-published", Published = "published",
            Unpublished = "unpublished", VersionRestored = "version-restored", RestoredFromTrash = "restored";
    }
}
