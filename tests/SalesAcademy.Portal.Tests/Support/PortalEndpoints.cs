using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Portal.Tests.Support;

/// <summary>A Razor page as the running portal routes it: its route, the query parameters a GET binds, its GET handlers.</summary>
public sealed record PageRoute(string Route, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> GetHandlers);

/// <summary>An API endpoint: its HTTP method and route (e.g. GET /api/v1/quizzes/{id}).</summary>
public sealed record ApiRoute(string Method, string Route)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Every page and API route of the running portal, read from its <see cref="EndpointDataSource"/> (never a hand list),
/// so tests that walk them notice a route added later.
/// </summary>
public static class PortalEndpoints
{
    public static async Task<IReadOnlyList<PageRoute>> PagesAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var get = new ActionContext { HttpContext = new DefaultHttpContext { Request = { Method = HttpMethods.Get } } };
        var pages = new List<PageRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor) continue;
            var page = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var route = Route(endpoint);
            var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var query = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            // Properties bound on GET ([BindProperty(SupportsGet = true)]).
            foreach (var property in page.BoundProperties)
            {
                if (property.BindingInfo?.RequestPredicate is { } predicate && !predicate(get)) continue;
                if (!FromQuery(property.BindingInfo)) continue;
                query.Add(property.BindingInfo?.BinderModelName ?? property.Name);
            }
            // Parameters of the GET handlers (OnGet, OnGetFragment...).
            var handlers = new List<string>();
            foreach (var handler in page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase)))
            {
                handlers.Add(handler.Name ?? "");
                foreach (var parameter in handler.Parameters)
                {
                    if (parameter.ParameterType == typeof(CancellationToken) || !FromQuery(parameter.BindingInfo)) continue;
                    query.Add(parameter.BindingInfo?.BinderModelName ?? parameter.Name);
                }
            }
            query.ExceptWith(routeParameters);
            query.Remove("handler");
            pages.Add(new PageRoute(route, routeParameters, query.ToList(), handlers.Distinct().OrderBy(h => h, StringComparer.Ordinal).ToList()));
        }
        return pages.OrderBy(p => p.Route, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every endpoint under /api/ with each HTTP method it answers.</summary>
    public static IReadOnlyList<ApiRoute> Api(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: Route(e), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]))
            .Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => new ApiRoute(m, e.Route)))
            .Distinct().OrderBy(a => a.Route, StringComparer.Ordinal).ThenBy(a => a.Method, StringComparer.Ordinal).ToList();

    /// <summary>Every other routed endpoint (health checks, static files, fallbacks): neither a page nor under /api/.</summary>
    public static IReadOnlyList<ApiRoute> Others(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null && !Route(e).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => new ApiRoute(m, Route(e))))
            .Distinct().OrderBy(a => a.Route, StringComparer.Ordinal).ToList();

    /// <summary>The route as written in the code: "/studio/edit/{id?}", "/api/v1/quizzes/{id}".</summary>
    public static string Route(RouteEndpoint endpoint)
    {
        var raw = endpoint.RoutePattern.RawText ?? "";
        raw = "/" + raw.TrimStart('/');
        return raw.Length > 1 ? raw.TrimEnd('/') : raw;
    }

    private static bool FromQuery(BindingInfo? binding) =>
        binding?.BindingSource is null || binding.BindingSource == BindingSource.Query || binding.BindingSource == BindingSource.ModelBinding;
}
