using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SalesAcademy.Core.Hosting;

/// <summary>The <c>Security</c> configuration section: response headers, HTTPS behind a proxy.</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>No inline script, no inline style (not even style attributes), no framing, no plugins.</summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public string ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    /// <summary>Strict-Transport-Security max-age sent on HTTPS responses (default 365 days; 0 sends none).</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>
    /// Behind a reverse proxy that terminates TLS: read the client address and scheme from X-Forwarded-For/-Proto
    /// (so HSTS, Secure cookies and per-address rate limits see the real request). Off by default.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>The proxies whose forwarded headers are believed (default: loopback only).</summary>
    public List<string> KnownProxies { get; set; } = [];
}

public static class SecurityHeaders
{
    public static IServiceCollection AddPortalSecurityHeaders(this IServiceCollection services)
    {
        services.AddOptions<SecurityHeadersOptions>().BindConfiguration("Security")
            .Validate(o => o.HstsMaxAgeDays >= 0, "Security:HstsMaxAgeDays must not be negative.")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "Security:KnownProxies must be IP addresses.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Forwarded headers (when trusted), Secure cookies on HTTPS, and the headers every response carries: CSP,
    /// nosniff, no framing, referrer policy, HSTS on HTTPS, and no-store for whatever a signed-in reader is shown.
    /// </summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value;
        if (options.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            foreach (var proxy in options.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        // Authentication, antiforgery and culture cookies are Secure whenever the request came over HTTPS.
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });
        var hsts = $"max-age={(long)options.HstsMaxAgeDays * 86400}; includeSubDomains";
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (options.ContentSecurityPolicy.Length > 0) headers.ContentSecurityPolicy = options.ContentSecurityPolicy;
            if (context.Request.IsHttps && options.HstsMaxAgeDays > 0) headers.StrictTransportSecurity = hsts;
            context.Response.OnStarting(() =>
            {
                // Pages and API answers for a signed-in reader may show tokens and personal data: never kept by a cache.
                if (context.User.Identity?.IsAuthenticated == true && !IsStaticAsset(context))
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static bool IsStaticAsset(HttpContext context) =>
        context.Response.ContentType is { } type && !type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
        && !type.Contains("json", StringComparison.OrdinalIgnoreCase);
}
