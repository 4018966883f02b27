using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [ProblemContentType]));
        return group;
    }

    /// <summary>
    /// For <c>/api</c> requests: no HTML status pages; an error without a body (a 401 challenge, a 404 for what the token
    /// may not see, a 400 binding failure) and an unhandled exception (500) are answered with the problem-details service,
    /// in the shape of every other API error (<see cref="PortalProblems"/>).
    /// </summary>
    public static IApplicationBuilder UsePortalApiResponses(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Root), api => api
            .Use(async (context, next) =>
            {
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
                await next(context);
                var response = context.Response;
                if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
                    await ApiResults.Problem(response.StatusCode, null, DetailOf(response.StatusCode)).ExecuteAsync(context);
            })
            // Logs the exception and writes the problem (without the exception's text); a bad request stays a 400.
            .UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            }));

    private static string? DetailOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid personal access token is required: send Authorization: Bearer sa_…",
        StatusCodes.Status404NotFound => ApiResults.NotFoundDetail,
        _ => null,
    };
}

/// <summary>One field that was refused; the path is the content-as-code path (<c>stages[0].key</c>).</summary>
public sealed record ApiFieldError(string Field, string Message);

/// <summary>Every API error, as a problem written by the problem-details service (<see cref="PortalProblems"/>).</summary>
public static class ApiResults
{
    public const string NotFoundDetail = "There is nothing here, or you may not see it.";

    /// <summary>A problem; a null title is the status's reason phrase.</summary>
    public static IResult Problem(int status, string? title, string? detail = null) =>
        Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>A problem a module built, perhaps with fields of its own (a subclass of <see cref="ProblemDetails"/>).</summary>
    public static IResult Problem(ProblemDetails problem) => new ProblemResult(problem);

    /// <summary>Missing, or not for this caller's eyes: the two are indistinguishable on purpose.</summary>
    public static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Not Found", NotFoundDetail);

    /// <summary>422 with every refused field: <c>errors</c> maps each field path to its messages.</summary>
    public static IResult Invalid(IEnumerable<ApiFieldError> errors, string title = "The request has invalid fields.") =>
        Problem(Validation(StatusCodes.Status422UnprocessableEntity, title, errors));

    /// <summary>400 for bad query parameters, in the shape of <see cref="Invalid"/>.</summary>
    public static IResult BadQuery(IEnumerable<ApiFieldError> errors) =>
        Problem(Validation(StatusCodes.Status400BadRequest, "The query has invalid parameters.", errors));

    private static HttpValidationProblemDetails Validation(int status, string title, IEnumerable<ApiFieldError> errors) =>
        new(errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = status, Title = title,
        };

    private sealed class ProblemResult(ProblemDetails problem) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => problem.Status;

        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new() { HttpContext = context, ProblemDetails = problem });
        }
    }
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
