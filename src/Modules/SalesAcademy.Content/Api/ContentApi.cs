using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Api;

/// <summary>
/// <c>/api/v1/content</c>: read, write and publish content items in the content-as-code format. Every write
/// goes through <see cref="ContentManager"/> (so the change log stays complete); every check is
/// <see cref="ContentAccess"/>'s, and what the caller may not see answers 404.
/// </summary>
public static class ContentApi
{
    public const string Path = "/content";
    private static readonly string[] Statuses = ["published", "drafts", "all"];

    public static RouteGroupBuilder MapContentApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapPortalApi(Path, "Content");

        api.MapGet("", ListAsync)
            .WithName("ListContent")
            .WithSummary("List content items")
            .WithDescription("Published items by default (status=published). status=drafts lists items whose latest version is not published; "
                + "status=all lists the newest version of every live item the caller may see (their drafts, or everyone's with "
                + "content.view.drafts; the published version otherwise). Newest first.")
            .Produces<ApiPage<ContentSummary>>()
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, PortalApi.ProblemContentType);

        api.MapGet("/{id}", GetAsync)
            .WithName("GetContent")
            .WithSummary("Get one content item: metadata, fields and Markdown body")
            .WithDescription("version=published (default) answers the published version; version=latest the newest version "
                + "(a draft is shown only to its authors, owner, contributor and holders of content.view.drafts); "
                + "a version id from /versions answers that version under the same rule.")
            .Produces<ContentDetail>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        api.MapPost("", CreateAsync)
            .WithName("CreateContent")
            .WithSummary("Create a content item as a draft")
            .WithDescription("Needs content.edit.any, or content.edit.own (the caller becomes the owner). The fields are the front-matter "
                + "fields of content/README.md as JSON; a missing id is generated. Publish it with POST /{id}/publish.")
            .Produces<ContentDetail>(StatusCodes.Status201Created)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);

        api.MapPut("/{id}", UpdateAsync)
            .WithName("UpdateContent")
            .WithSummary("Save a new draft version of a content item")
            .WithDescription("basedOnVersionId must be the item's latest version (versionId of GET ?version=latest); if someone saved in "
                + "between, nothing is written and 409 names the current version. The published version, if any, stays published.")
            .Produces<ContentDetail>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType)
            .Produces<ContentConflictProblem>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);

        api.MapPost("/{id}/publish", PublishAsync)
            .WithName("PublishContent")
            .WithSummary("Publish the latest version")
            .WithDescription("Needs content.publish. The previously published version is demoted. With basedOnVersionId, publishing is "
                + "refused (409) when the latest version is another one.")
            .Produces<ContentDetail>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType)
            .Produces<ContentConflictProblem>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType);

        api.MapPost("/{id}/unpublish", UnpublishAsync)
            .WithName("UnpublishContent")
            .WithSummary("Take the item off the site")
            .WithDescription("Needs content.publish. The versions stay; the answer is the latest version.")
            .Produces<ContentSummary>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        api.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteContent")
            .WithSummary("Delete a content item (soft: its history stays and it can be restored)")
            .WithDescription("Needs content.delete.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        api.MapGet("/{id}/versions", VersionsAsync)
            .WithName("ListContentVersions")
            .WithSummary("List the versions of a content item, newest first")
            .WithDescription("For the item's authors, owner and contributor and holders of content.view.drafts.")
            .Produces<ContentVersionList>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        return api;
    }

    private static async Task<IResult> ListAsync([AsParameters] ContentListQuery query, ClaimsPrincipal user,
        ContentManager manager, PublishedContent published, ContentAccess access, Contributions contributions, ContentDefinitions definitions,
        CancellationToken ct)
    {
        var status = query.Status ?? "published";
        var errors = ApiPaging.Check(query.Page, query.PageSize);
        if (!Statuses.Contains(status)) errors.Add(new("status", $"'{status}' must be one of {string.Join(", ", Statuses)}"));
        if (query.Type is { } type && definitions.Find(type) is null)
            errors.Add(new("type", $"unknown content type '{type}'; expected one of {string.Join(", ", definitions.Types.Select(t => t.Name))}"));
        if (errors.Count > 0) return ApiResults.BadQuery(errors);

        IEnumerable<ContentItem> items;
        if (status == "published")
        {
            items = query.Type is null ? await published.AllAsync() : await published.ListAsync(query.Type);
        }
        else
        {
            var latest = await manager.ListLatestAsync(query.Type, ct);
            var viewDrafts = await access.HasAsync(user, ContentPermissions.ViewDrafts);
            var contributed = viewDrafts ? new Dictionary<string, ContentContribution>()
                : await contributions.ForItemsAsync(latest.Where(i => !i.Published).Select(i => i.ContentItemId).ToList(), ct);
            bool Visible(ContentItem item) =>
                item.Published || viewDrafts || ContentAccess.IsOwnerOrAuthor(user, item, contributed.GetValueOrDefault(item.ContentItemId));
            if (status == "drafts")
            {
                items = latest.Where(i => !i.Published && Visible(i));
            }
            else
            {
                var shown = new List<ContentItem>(latest.Count);
                foreach (var item in latest)
                {
                    if (Visible(item)) shown.Add(item);
                    else if (await published.ByIdAsync(item.ContentItemId) is { } live) shown.Add(live);
                }
                items = shown;
            }
        }
        var readable = await access.ReadableTypesAsync(user, definitions);
        var page = items.Where(i => readable.Contains(i.ContentType)).WithTag(query.Tag).InCulture(query.Culture).Select(i => Summary(i, definitions)).ToPage(query.Page, query.PageSize);
        return Results.Ok(page);
    }

    private static async Task<IResult> GetAsync(string id, string? version, ClaimsPrincipal user,
        ContentManager manager, PublishedContent published, ContentAccess access, Contributions contributions, ContentDefinitions definitions,
        CancellationToken ct)
    {
        ContentItem? item;
        switch (version ?? "published")
        {
            case "published":
                item = await published.ByIdAsync(id);
                break;
            case "latest":
                item = await manager.GetAsync(id, VersionOptions.Latest, ct);
                if (item is { Published: false } && !await access.CanSeeDraftAsync(user, item, await contributions.FindAsync(id, ct))) item = null;
                break;
            default:
                item = await manager.GetVersionAsync(version!, ct);
                if (item is not null && (item.ContentItemId != id || (!item.Published && !await CanSeeUnpublishedAsync(id, user, manager, access, contributions, ct))))
                    item = null;
                break;
        }
        return item is null || !await access.MayReadTypeAsync(user, definitions.Get(item.ContentType))
            ? ApiResults.NotFound() : Results.Ok(Detail(item, definitions));
    }

    private static async Task<IResult> CreateAsync(ContentCreateRequest request, ClaimsPrincipal user,
        ContentManager manager, ContentEditing editing, ContentAccess access, ContentDefinitions definitions, CancellationToken ct)
    {
        var editAny = await access.HasAsync(user, ContentPermissions.EditAny);
        if (!editAny && !await access.HasAsync(user, ContentPermissions.EditOwn)) return ApiResults.NotFound();

        var fields = request.Fields ?? [];
        var type = request.Type ?? Text(fields["type"]);
        if (string.IsNullOrWhiteSpace(type)) return ApiResults.Invalid([new("type", "is required")]);
        var id = request.Id ?? Text(fields["id"]) ?? ContentIds.New();
        if ((await manager.GetVersionsAsync(id, ct)).Count > 0)
            return ApiResults.Problem(StatusCodes.Status409Conflict, "The id is taken.", $"An item with id '{id}' exists already (perhaps deleted); choose another id.");

        var edit = await editing.ReadAsync(type, id, fields, request.Body ?? "", current: null, mayAssignOwner: true, ct);
        if (!edit.IsValid) return Invalid(edit.Errors);
        var item = edit.Item!;
        if (!editAny && !Same(item.As<OwnershipPart>().Owner ?? user.UserName(), user.UserName()))
            return ApiResults.Invalid([new("owner", "with content.edit.own you create items you own: leave owner out or name yourself")]);

        return await WritingAsync(async () =>
        {
            var saved = await manager.CreateAsync(item, ContentActor.Of(user), publish: false, ct);
            return Results.Created($"{PortalApi.Prefix}{Path}/{Uri.EscapeDataString(saved.ContentItemId)}", Detail(saved, definitions));
        });
    }

    private static async Task<IResult> UpdateAsync(string id, ContentUpdateRequest request, ClaimsPrincipal user,
        ContentManager manager, ContentEditing editing, ContentAccess access, Contributions contributions, ContentDefinitions definitions,
        CancellationToken ct)
    {
        var current = await manager.GetAsync(id, VersionOptions.Latest, ct);
        var contribution = current is null ? null : await contributions.FindAsync(id, ct);
        if (current is null || !await access.CanEditAsync(user, current, contribution)) return ApiResults.NotFound();

        if (string.IsNullOrWhiteSpace(request.BasedOnVersionId))
            return ApiResults.Invalid([new("basedOnVersionId", "is required: the versionId of the latest version your change is based on")]);
        if (request.BasedOnVersionId != current.ContentItemVersionId) return Conflict(id, request.BasedOnVersionId, current);

        var fields = request.Fields ?? [];
        var errors = new List<ApiFieldError>();
        if ((request.Type ?? Text(fields["type"])) is { } type && type != current.ContentType)
            errors.Add(new("type", $"'{id}' is a {current.ContentType}; the type of an item cannot change"));
        if (Text(fields["id"]) is { } fieldId && fieldId != id) errors.Add(new("id", $"'{fieldId}' is not '{id}'; the id of an item cannot change"));
        if (errors.Count > 0) return ApiResults.Invalid(errors);

        var edit = await editing.ReadAsync(current.ContentType, id, fields, request.Body ?? "", current, mayAssignOwner: true, ct);
        if (!edit.IsValid) return Invalid(edit.Errors);
        var item = edit.Item!;
        item.Owner = current.Owner; // an edit without an owner field keeps the owner, whoever saves it
        if (!Same(item.As<OwnershipPart>().Owner ?? current.Owner, current.Owner) && !await access.HasAsync(user, ContentPermissions.EditAny))
            return ApiResults.Invalid([new("owner", "handing an item to another owner needs content.edit.any")]);

        return await WritingAsync(async () =>
        {
            // The contributor's own draft goes through the contribution, which keeps the review record up to date.
            var mine = contribution is { EditableByContributor: true } && Same(contribution.Contributor, user.UserName());
            var saved = mine ? await contributions.SaveAsync(item, request.BasedOnVersionId, user, ct)
                : await manager.SaveDraftAsync(item, request.BasedOnVersionId, ContentActor.Of(user), ct);
            return Results.Ok(Detail(saved, definitions));
        });
    }

    private static async Task<IResult> PublishAsync(string id, [FromBody] ContentPublishRequest? request, ClaimsPrincipal user,
        ContentManager manager, PublishedContent published, ContentAccess access, Contributions contributions, ContentDefinitions definitions,
        CancellationToken ct)
    {
        if (!await access.HasAsync(user, ContentPermissions.Publish)) return ApiResults.NotFound();
        var current = await manager.GetAsync(id, VersionOptions.Latest, ct);
        if (current is null || !await MaySeeItemAsync(current, user, published, access, contributions, ct)) return ApiResults.NotFound();
        return await WritingAsync(async () =>
        {
            var item = await manager.PublishAsync(id, request?.BasedOnVersionId, ContentActor.Of(user), ct);
            return Results.Ok(Detail(item, definitions));
        });
    }

    private static async Task<IResult> UnpublishAsync(string id, ClaimsPrincipal user,
        ContentManager manager, PublishedContent published, ContentAccess access, Contributions contributions, ContentDefinitions definitions,
        CancellationToken ct)
    {
        if (!await access.HasAsync(user, ContentPermissions.Publish)) return ApiResults.NotFound();
        var current = await manager.GetAsync(id, VersionOptions.Latest, ct);
        if (current is null || !await MaySeeItemAsync(current, user, published, access, contributions, ct)) return ApiResults.NotFound();
        return await WritingAsync(async () =>
        {
            await manager.UnpublishAsync(id, ContentActor.Of(user), ct);
            return await manager.GetAsync(id, VersionOptions.Latest, ct) is { } latest ? Results.Ok(Summary(latest, definitions)) : ApiResults.NotFound();
        });
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user,
        ContentManager manager, PublishedContent published, ContentAccess access, Contributions contributions, CancellationToken ct)
    {
        if (!await access.HasAsync(user, ContentPermissions.Delete)) return ApiResults.NotFound();
        var current = await manager.GetAsync(id, VersionOptions.Latest, ct);
        if (current is null || !await MaySeeItemAsync(current, user, published, access, contributions, ct)) return ApiResults.NotFound();
        return await WritingAsync(async () =>
        {
            await manager.DeleteAsync(id, ContentActor.Of(user), ct);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> VersionsAsync(string id, ClaimsPrincipal user,
        ContentManager manager, ContentAccess access, Contributions contributions, CancellationToken ct)
    {
        if (!await CanSeeUnpublishedAsync(id, user, manager, access, contributions, ct)) return ApiResults.NotFound();
        var versions = await manager.GetVersionsAsync(id, ct);
        return Results.Ok(new ContentVersionList(id, versions.Select(v =>
            new ContentVersion(v.ContentItemVersionId, v.Number, v.DisplayText, v.Published, v.Latest, v.Author, v.ModifiedUtc, v.PublishedUtc)).ToList()));
    }

    /// <summary>Drafts and history of a live item: <see cref="ContentAccess.CanSeeDraftAsync"/> on its latest version.</summary>
    private static async Task<bool> CanSeeUnpublishedAsync(string id, ClaimsPrincipal user, ContentManager manager, ContentAccess access,
        Contributions contributions, CancellationToken ct) =>
        await manager.GetAsync(id, VersionOptions.Latest, ct) is { } latest && await access.CanSeeDraftAsync(user, latest, await contributions.FindAsync(id, ct));

    /// <summary>The item is on the site, or its draft is the caller's to see.</summary>
    private static async Task<bool> MaySeeItemAsync(ContentItem latest, ClaimsPrincipal user, PublishedContent published, ContentAccess access,
        Contributions contributions, CancellationToken ct) =>
        latest.Published || await published.ByIdAsync(latest.ContentItemId) is not null
        || await access.CanSeeDraftAsync(user, latest, await contributions.FindAsync(latest.ContentItemId, ct));

    /// <summary>The manager's refusals as API answers; it re-checks what the handler checked, inside its transaction.</summary>
    private static async Task<IResult> WritingAsync(Func<Task<IResult>> write)
    {
        try
        {
            return await write();
        }
        catch (ContentValidationException ex)
        {
            return Invalid(ex.Errors);
        }
        catch (ContentConflictException ex)
        {
            return Conflict(ex.Current.ContentItemId, ex.BasedOnVersionId, ex.Current);
        }
        catch (ContentNotFoundException)
        {
            return ApiResults.NotFound();
        }
        catch (ContentWorkflowException ex)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Not possible now.", ex.Message);
        }
    }

    private static IResult Invalid(IEnumerable<ContentFieldError> errors) =>
        ApiResults.Invalid(errors.Select(e => new ApiFieldError(e.Field, e.Message)), "The content item has invalid fields.");

    private static IResult Conflict(string id, string basedOnVersionId, ContentItem current) =>
        ApiResults.Problem(new ContentConflictProblem
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The item was changed since the version this request is based on; nothing was written.",
            Detail = $"'{id}' was changed by {current.Author ?? "someone"} at {current.ModifiedUtc:yyyy-MM-dd HH:mm:ss} UTC (version {current.Number}); "
                + $"this request was based on {basedOnVersionId}.",
            Current = new ContentVersionRef(current.ContentItemVersionId, current.Number, current.Author, current.ModifiedUtc),
        });

    private static ContentSummary Summary(ContentItem item, ContentDefinitions definitions) => new(
        item.ContentItemId, item.ContentType, item.DisplayText, item.Slug, item.Culture, item.ContentItemVersionId, item.Number,
        item.Published, item.Latest, item.ModifiedUtc, item.Author, item.Owner, item.Published ? definitions.UrlFor(item) : null);

    private static ContentDetail Detail(ContentItem item, ContentDefinitions definitions) => new(
        item.ContentItemId, item.ContentType, item.DisplayText, item.Slug, item.Culture, item.ContentItemVersionId, item.Number,
        item.Published, item.Latest, item.CreatedUtc, item.ModifiedUtc, item.PublishedUtc, item.Author, item.Owner,
        item.Published ? definitions.UrlFor(item) : null,
        ContentExporter.ToFields(item, definitions.Get(item.ContentType)), item.As<MarkdownBodyPart>().Markdown);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Query of GET /api/v1/content.</summary>
// Properties, not constructor parameters: the request delegate generator (src/Directory.Build.props) emits
// typeof(string?) for an [AsParameters] type's nullable constructor parameters, which does not compile.
public sealed record ContentListQuery
{
    [FromQuery(Name = "type")] public string? Type { get; init; }
    [FromQuery(Name = "tag")] public string? Tag { get; init; }
    [FromQuery(Name = "culture")] public string? Culture { get; init; }
    [FromQuery(Name = "status")] public string? Status { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }
}

/// <summary>A version of an item as lists show it. <c>url</c> is the item's page, for a published version.</summary>
public sealed record ContentSummary(
    string Id, string Type, string Title, string Slug, string Culture, string VersionId, int Number,
    bool Published, bool Latest, DateTime ModifiedUtc, string? Author, string? Owner, string? Url);

/// <summary>One version with its front-matter <c>fields</c> (the content-as-code format, as JSON) and Markdown <c>body</c>.</summary>
public sealed record ContentDetail(
    string Id, string Type, string Title, string Slug, string Culture, string VersionId, int Number,
    bool Published, bool Latest, DateTime CreatedUtc, DateTime ModifiedUtc, DateTime? PublishedUtc, string? Author, string? Owner, string? Url,
    JsonObject Fields, string Body);

/// <summary>
/// A new item: <c>type</c> (CaseStudy, Playbook, Drill), optional <c>id</c>, the front-matter <c>fields</c>
/// (slug, culture, title, tags, … and the type's own fields) and the Markdown <c>body</c>.
/// </summary>
public sealed record ContentCreateRequest(string? Type, JsonObject? Fields, string? Body = null, string? Id = null);

/// <summary>The next version: all fields (as GET returns them) and body, plus the version the change is based on.</summary>
public sealed record ContentUpdateRequest(string? BasedOnVersionId, JsonObject? Fields, string? Body = null, string? Type = null);

public sealed record ContentPublishRequest(string? BasedOnVersionId);

public sealed record ContentVersionRef(string VersionId, int Number, string? Author, DateTime ModifiedUtc);

/// <summary>409: the save was based on an older version; <c>current</c> is the latest one.</summary>
public sealed class ContentConflictProblem : ProblemDetails
{
    public required ContentVersionRef Current { get; init; }
}

public sealed record ContentVersion(string VersionId, int Number, string Title, bool Published, bool Latest, string? Author,
    DateTime ModifiedUtc, DateTime? PublishedUtc);

public sealed record ContentVersionList(string Id, IReadOnlyList<ContentVersion> Versions);
