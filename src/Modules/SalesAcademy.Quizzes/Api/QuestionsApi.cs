using System.Security.Claims;
using System.Text;
using System.Text.Json;
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
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Api;

/// <summary>
/// <c>/api/v1/questions</c>: the question bank for trainers (quizzes.manage; anyone else gets 404), and GIFT import.
/// Single questions are created and changed through <c>/api/v1/content</c> with type Question, like every content item.
/// </summary>
public static class QuestionsApi
{
    public const string Path = "/questions";

    public static RouteGroupBuilder MapQuestionsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapPortalApi(Path, "Questions");

        api.MapGet("", ListAsync)
            .WithName("ListQuestions")
            .WithSummary("List the question bank")
            .WithDescription("Needs quizzes.manage (404 otherwise). The latest version of every question, drafts included, last saved first; "
                + "filters: tag, kind (single, multiple, truefalse, ordering, short), source (a case, playbook or drill id), "
                + "status (published, drafts, all: the default), q (words in the title). Create and edit single questions with "
                + "POST/PUT /api/v1/content and type Question (fields as in content/README.md).")
            .Produces<ApiPage<QuestionSummary>>()
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        api.MapGet("/{id}", GetAsync)
            .WithName("GetQuestion")
            .WithSummary("Get one question with its answers")
            .WithDescription("Needs quizzes.manage (404 otherwise). The latest version (version=latest, the default) or the published one "
                + "(version=published): metadata, fields (kind, choices with correct and feedback, answer, items, accepted, keywords, "
                + "explanation, source, …) and the stem as Markdown body.")
            .Produces<QuestionDetail>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        api.MapPost("/import/gift", ImportGiftAsync)
            // A GIFT text of up to 1,000,000 characters, as JSON with \u escapes: more than the portal's 1 MB default.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(8 * 1024 * 1024))
            .WithName("ImportGiftQuestions")
            .WithSummary("Import questions written in Moodle's GIFT format")
            .WithDescription("Needs quizzes.manage and content.edit.own or content.edit.any (and content.publish with publish=true); 404 otherwise. "
                + "Send JSON {gift, tags, publish} or the GIFT text itself as text/plain (then ?tags=a,b&publish=true). Every good question "
                + "is imported (as a draft unless publish) with the tags; every refused question is reported by the line it starts on: "
                + "matching, numerical, essay and missing-word questions are refused. Questions already in the bank (same kind, stem and "
                + "answers) are asked about first: without duplicates=skip or duplicates=import (JSON field or query parameter) the answer "
                + "is 409 listing them and nothing is imported; skip imports the others and lists the skipped ones, import imports them "
                + "again. Otherwise 200 when the request itself is valid.")
            .Accepts<GiftImportRequest>("application/json", "text/plain")
            .Produces<GiftImportResult>()
            .Produces<GiftDuplicatesProblem>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType)
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);

        return api;
    }

    private static async Task<IResult> ListAsync([AsParameters] QuestionListQuery query, ClaimsPrincipal user, QuestionBankAccess access,
        QuestionBank bank, CancellationToken ct)
    {
        if (!await access.CanReadAsync(user)) return ApiResults.NotFound();
        var errors = ApiPaging.Check(query.Page, query.PageSize);
        if (query.Kind is { } kind && !QuestionKinds.All.Contains(kind))
            errors.Add(new("kind", $"'{kind}' must be one of {string.Join(", ", QuestionKinds.All)}"));
        if (query.Status is { } status && !QuestionFilter.Statuses.Contains(status))
            errors.Add(new("status", $"'{status}' must be one of {string.Join(", ", QuestionFilter.Statuses)}"));
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        var rows = await bank.ListAsync(new QuestionFilter(query.Tag, query.Kind, query.Source, query.Status, query.Q), ct);
        return Results.Ok(rows.Select(Summary).ToPage(query.Page, query.PageSize));
    }

    private static async Task<IResult> GetAsync(string id, string? version, ClaimsPrincipal user, QuestionBankAccess access,
        ContentManager manager, ContentDefinitions definitions, CancellationToken ct)
    {
        if (!await access.CanReadAsync(user)) return ApiResults.NotFound();
        if (version is not (null or "latest" or "published"))
            return ApiResults.BadQuery([new("version", $"'{version}' must be latest or published")]);
        var item = await manager.GetAsync(id, version == "published" ? VersionOptions.Published : VersionOptions.Latest, ct);
        if (item is null || item.ContentType != QuizzesModule.QuestionType) return ApiResults.NotFound();
        var hasPublished = item.Published || await manager.GetAsync(id, VersionOptions.Published, ct) is not null;
        return Results.Ok(new QuestionDetail(Summary(new QuestionRow(item, item.As<QuestionPart>(), hasPublished)),
            ContentExporter.ToFields(item, definitions.Get(item.ContentType)), item.As<MarkdownBodyPart>().Markdown));
    }

    private static async Task<IResult> ImportGiftAsync(HttpRequest request, ClaimsPrincipal user, QuestionBankAccess access, GiftImporter importer,
        CancellationToken ct)
    {
        if (!await access.CanImportAsync(user)) return ApiResults.NotFound();

        string gift;
        List<string> tags;
        bool publish;
        string? duplicatesChoice = request.Query["duplicates"];
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var text = await ReadBodyAsync(request, ct);
        if (text is null) return ApiResults.Invalid([new("gift", $"is longer than {GiftImporter.MaxLength:N0} characters; split it into several imports")]);
        if (mediaType is "application/json" or null && text.TrimStart().StartsWith('{'))
        {
            GiftImportRequest? body;
            try
            {
                body = JsonSerializer.Deserialize<GiftImportRequest>(text, JsonSerializerOptions.Web);
            }
            catch (JsonException ex)
            {
                return ApiResults.Invalid([new(ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body", "is not valid JSON of the form {gift, tags, publish}")]);
            }
            (gift, tags, publish) = (body?.Gift ?? "", body?.Tags ?? [], body?.Publish ?? false);
            duplicatesChoice = body?.Duplicates ?? duplicatesChoice;
        }
        else if (mediaType is "application/json")
        {
            return ApiResults.Invalid([new("body", "send JSON {gift, tags, publish}, or the GIFT text as text/plain")]);
        }
        else
        {
            gift = text;
            tags = request.Query["tags"].SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            publish = request.Query["publish"].ToString() is "true" or "1";
        }

        if (string.IsNullOrWhiteSpace(gift)) return ApiResults.Invalid([new("gift", "is required: the questions in GIFT format")]);
        GiftDuplicates duplicates;
        switch (duplicatesChoice)
        {
            case null or "" or "ask": duplicates = GiftDuplicates.Ask; break;
            case "skip": duplicates = GiftDuplicates.Skip; break;
            case "import": duplicates = GiftDuplicates.Import; break;
            default: return ApiResults.Invalid([new("duplicates", $"'{duplicatesChoice}' must be one of ask, skip, import")]);
        }
        if (publish && !await access.CanPublishAsync(user)) return ApiResults.NotFound();
        var tagErrors = await importer.CheckTagsAsync(tags, ct);
        if (tagErrors.Count > 0) return ApiResults.Invalid(tagErrors.Select(e => new ApiFieldError(e.Field, e.Message)));

        var report = await importer.ImportAsync(gift, tags, publish, user.UserName(), ct, duplicates);
        var repeated = report.Duplicates.Select(d => new GiftDuplicateQuestion(d.Line, d.Title, d.ExistingId, d.ExistingTitle)).ToList();
        if (report.AwaitingDecision)
            return ApiResults.Problem(new GiftDuplicatesProblem
            {
                Status = StatusCodes.Status409Conflict, Title = "Some questions are already in the bank.", Duplicates = repeated,
                Detail = $"{repeated.Count} of the questions have the same kind, stem and answers as questions in the bank; nothing was imported. "
                    + "Send duplicates=skip to import only the others, or duplicates=import to import them again.",
            });
        return Results.Ok(new GiftImportResult(
            report.Imported.Select(i => i.Id).ToList(),
            report.Imported.Select(i => new GiftImportedQuestion(i.Id, i.Line, i.Title)).ToList(),
            report.Errors.Select(Problem).ToList(),
            report.Warnings.Select(Problem).ToList(),
            repeated));
    }

    /// <summary>The body as text, or null when it is longer than an import may be.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[GiftImporter.MaxLength + 64 * 1024 + 1]; // JSON adds quotes, escapes and the other fields
        var total = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
            if (total == buffer.Length) return null;
        }
        return new string(buffer, 0, total);
    }

    private static GiftImportProblem Problem(GiftProblem p) => new(p.Line, p.Field, p.Message);

    private static QuestionSummary Summary(QuestionRow row)
    {
        var item = row.Item;
        return new QuestionSummary(item.ContentItemId, item.DisplayText, item.Slug, item.Culture, row.Part.Kind, item.As<TagsPart>().Tags,
            row.Part.Source, row.Part.SourceSection, row.Part.Points, item.ContentItemVersionId, item.Number,
            item.Published ? "published" : row.HasPublishedVersion ? "draft-of-published" : "draft",
            item.ModifiedUtc, item.Author, item.Owner, $"/questions/{Uri.EscapeDataString(item.Slug)}");
    }
}

/// <summary>Query of GET /api/v1/questions.</summary>
// Properties, not constructor parameters: the request delegate generator (src/Directory.Build.props) emits
// typeof(string?) for an [AsParameters] type's nullable constructor parameters, which does not compile.
public sealed record QuestionListQuery
{
    [FromQuery(Name = "tag")] public string? Tag { get; init; }
    [FromQuery(Name = "kind")] public string? Kind { get; init; }
    [FromQuery(Name = "source")] public string? Source { get; init; }
    [FromQuery(Name = "status")] public string? Status { get; init; }
    [FromQuery(Name = "q")] public string? Q { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }
}

/// <summary>
/// A question's latest version as the bank lists it. <c>status</c>: published, draft, or draft-of-published (a newer draft
/// of a published question). <c>url</c> is the trainers' page of the question.
/// </summary>
public sealed record QuestionSummary(string Id, string Title, string Slug, string Culture, string Kind, IReadOnlyList<string> Tags,
    string? Source, string? SourceSection, double Points, string VersionId, int Number, string Status, DateTime ModifiedUtc,
    string? Author, string? Owner, string Url);

/// <summary>One question version with its front-matter <c>fields</c> (answers included) and its stem as Markdown <c>body</c>.</summary>
public sealed record QuestionDetail(QuestionSummary Question, JsonObject Fields, string Body);

/// <summary>
/// GIFT import: <c>gift</c> is the text (Moodle GIFT, UTF-8), <c>tags</c> are taxonomy keys given to every question,
/// <c>publish</c> publishes the imported questions at once (default: drafts), <c>duplicates</c> says what to do with
/// questions already in the bank: ask (the default: 409 listing them), skip or import.
/// </summary>
public sealed record GiftImportRequest(string? Gift, List<string>? Tags = null, bool? Publish = null, string? Duplicates = null);

/// <summary>A refused question (or a warning) by the line it starts on; <c>field</c> names the part that is wrong, when known.</summary>
public sealed record GiftImportProblem(int Line, string? Field, string Message);

public sealed record GiftImportedQuestion(string Id, int Line, string Title);

/// <summary>
/// The import's report: the new question ids (in file order), each with its line and title, every refused question, every
/// warning, and the questions skipped as already in the bank (duplicates=skip).
/// </summary>
public sealed record GiftImportResult(IReadOnlyList<string> Imported, IReadOnlyList<GiftImportedQuestion> Questions,
    IReadOnlyList<GiftImportProblem> Errors, IReadOnlyList<GiftImportProblem> Warnings, IReadOnlyList<GiftDuplicateQuestion> Duplicates);

/// <summary>A question of the text (by the line it starts on) with the same kind, stem and answers as <c>existingId</c> in the bank.</summary>
public sealed record GiftDuplicateQuestion(int Line, string Title, string ExistingId, string ExistingTitle);

/// <summary>409: the text repeats questions of the bank and the caller did not say what to do (duplicates=skip or import).</summary>
public sealed class GiftDuplicatesProblem : ProblemDetails
{
    public required IReadOnlyList<GiftDuplicateQuestion> Duplicates { get; init; }
}
