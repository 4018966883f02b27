using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SalesAcademy.Core.Api;

/// <summary>
/// The API's one error shape (RFC 7807 <c>application/problem+json</c>): <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>, <c>traceId</c>, and for refused fields <c>errors</c> keyed by field path. Every API error is written by
/// ASP.NET Core's problem-details service: module results (<see cref="ApiResults"/>), body-less errors (401, 404, 400
/// binding failures), the rate limiter's 429 and an unhandled exception's 500. Pages keep their HTML error pages.
/// </summary>
public static class PortalProblems
{
    public static IServiceCollection AddPortalProblemDetails(this IServiceCollection services)
    {
        // Before AddProblemDetails' own writer: the service asks writers in order, so /api problems are written here.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ApiProblemWriter>());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Complete);
        return services;
    }

    /// <summary>What every problem carries: its status, a type and title from the status when the code set none, and the trace id.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Type ??= TypeOf(problem.Status.Value);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        // What to quote when reporting the problem: it finds the request in the logs.
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }

    /// <summary>The section of the RFC that defines the status (the same links ASP.NET Core uses for the ones it knows).</summary>
    public static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc7231#section-6.5.1",
        401 => "https://tools.ietf.org/html/rfc7235#section-3.1",
        403 => "https://tools.ietf.org/html/rfc7231#section-6.5.3",
        404 => "https://tools.ietf.org/html/rfc7231#section-6.5.4",
        405 => "https://tools.ietf.org/html/rfc7231#section-6.5.5",
        409 => "https://tools.ietf.org/html/rfc7231#section-6.5.8",
        413 => "https://tools.ietf.org/html/rfc7231#section-6.5.11",
        415 => "https://tools.ietf.org/html/rfc7231#section-6.5.13",
        422 => "https://tools.ietf.org/html/rfc4918#section-11.2",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc7231#section-6.6.1",
        503 => "https://tools.ietf.org/html/rfc7231#section-6.6.4",
        _ => "about:blank",
    };
}

/// <summary>Writes <c>/api</c> problems: completed as every problem is, as <c>application/problem+json; charset=utf-8</c> (ASVS 4.1.1).</summary>
internal sealed class ApiProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = PortalApi.ProblemContentType + "; charset=utf-8";

    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments(PortalApi.Root);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        (options.Value.CustomizeProblemDetails ?? PortalProblems.Complete).Invoke(context);
        var problem = context.ProblemDetails;
        // By its runtime type: errors of a validation problem, or a module's own fields (ContentConflictProblem.Current).
        return new(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType));
    }
}
