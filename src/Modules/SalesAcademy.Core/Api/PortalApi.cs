using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesAcademy.Core.Api;

/// <summary>
/// What every module API shares: the <c>/api/v1</c> prefix, authentication by personal access token only
/// (no cookie, hence no CSRF on the API), and JSON problem bodies for every error.
/// </summary>
public static class PortalApi
{
    public const string Root = "/api";
    public const string Prefix = "/api/v1";

    /// <summary>The access-token scheme (Accounts registers its handler under this name).</summary>
    public const string Scheme = "Bearer";

    public const string ProblemContentType = "application/problem+json";

    /// <summary>Whether the request carries an access token (<c>Authorization: Bearer …</c>) rather than relying on the cookie.</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The claim a read-only token carries (value <see cref="ReadScope"/>); a token without it may also write.</summary>
    public const string ScopeClaim = "sa:token_scope";
    public const string ReadScope = "read";

    /// <summary>
    /// An authenticated token user; the cookie is not even looked at. A read token may only GET, HEAD and OPTIONS:
    /// any other method is refused like anything else one may not do (404 with a problem body).
    /// </summary>
    public static readonly AuthorizationPolicy TokenPolicy = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser()
        .RequireAssertion(context => !context.User.HasClaim(ScopeClaim, ReadScope)
            || context.Resource is HttpContext http && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)))
        .Build();

    /// <summary>One module API: a route group under <c>/api/v1</c> that needs a token, tagged for the OpenAPI document.</summary>
    public static RouteGroupBuilder MapPortalApi(this IEndpointRouteBuilder endpoints, string path, string tag)
    {
        var group = endpoints.MapGroup(Prefix + path).RequireAuthorization(TokenPolicy).WithTags(tag);
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), [ProblemContentType]));
        return group;
    }

    /// <summary>
    /// For <c>/api</c> requests: no HTML status pages, an error without a body gets a JSON problem body
    /// (401 challenges, 400 binding failures), and an unhandled exception answers a JSON 500.
    /// </summary>
    public static IApplicationBuilder UsePortalApiResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(Root))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalApi).FullName!)
                .LogError(ex, "Unhandled exception in {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await ApiResults.Problem(response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode)).ExecuteAsync(context);
    });
}

/// <summary>An error answer (RFC 9457 style): what went wrong, for people and scripts.</summary>
public record ApiProblem(string Title, int Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Detail = null);

/// <summary>One field that was refused; the path is the content-as-code path (<c>stages[0].key</c>).</summary>
public sealed record ApiFieldError(string Field, string Message);

/// <summary>422 (or 400 for query parameters) with every problem found, each naming its field.</summary>
public sealed record ApiValidationProblem(string Title, int Status, IReadOnlyList<ApiFieldError> Errors, string? Detail = null)
    : ApiProblem(Title, Status, Detail);

public static class ApiResults
{
    // The body's type with its charset (ASVS 4.1.1); ProblemContentType stays the media type the OpenAPI document lists.
    private const string ProblemBody = PortalApi.ProblemContentType + "; charset=utf-8";

    public static IResult Problem(int status, string title, string? detail = null) =>
        Results.Json(new ApiProblem(title, status, detail), contentType: ProblemBody, statusCode: status);

    /// <summary>Missing, or not for this caller's eyes: the two are indistinguishable on purpose.</summary>
    public static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Not Found", "There is nothing here, or you may not see it.");

    public static IResult Invalid(IEnumerable<ApiFieldError> errors, string title = "The request has invalid fields.") =>
        Results.Json(new ApiValidationProblem(title, StatusCodes.Status422UnprocessableEntity, errors.ToList()),
            contentType: ProblemBody, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult BadQuery(IEnumerable<ApiFieldError> errors) =>
        Results.Json(new ApiValidationProblem("The query has invalid parameters.", StatusCodes.Status400BadRequest, errors.ToList()),
            contentType: ProblemBody, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>One page of a list.</summary>
public sealed record ApiPage<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items);

/// <summary>Paging parameters as every list takes them (page from 1, at most 100 per page).</summary>
public static class ApiPaging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static List<ApiFieldError> Check(int? page, int? pageSize)
    {
        var errors = new List<ApiFieldError>();
        if (page is < 1) errors.Add(new("page", "must be 1 or more"));
        if (pageSize is < 1 or > MaxPageSize) errors.Add(new("pageSize", $"must be between 1 and {MaxPageSize}"));
        return errors;
    }

    public static ApiPage<T> ToPage<T>(this IEnumerable<T> items, int? page, int? pageSize)
    {
        var all = items as IReadOnlyList<T> ?? items.ToList();
        int p = page ?? 1, size = pageSize ?? DefaultPageSize;
        return new ApiPage<T>(all.Count, p, size, all.Skip((p - 1) * size).Take(size).ToList());
    }
}
