using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SalesAcademy.Core.Security;

/// <summary>
/// A page's form token, made once per antiforgery cookie and signed-in user instead of at every view. Making one decrypts the
/// cookie's token and encrypts a new form token (data protection, both): 3.4 % of a signed-in case page, whose "was this
/// helpful?" form is on every view. A form token stays valid for as long as its cookie and its user do, so the same one is
/// handed out again to a request with the same cookie (its exact value) and the same user; the response still says it must
/// not be stored, as the framework's does. Everything else (a missing, unreadable or replaced cookie, validation) is the
/// framework's antiforgery.
/// </summary>
public sealed class ReusedFormTokens(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    // Bounded like the portal's other caches: at most 10,000 cookie-and-user pairs, then compacted.
    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    /// <summary>Replaces the framework's <see cref="IAntiforgery"/> with this, around it.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddAntiforgery();
        var framework = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        if (framework.ImplementationType is not { } type) return; // already replaced by something else: leave it
        services.Remove(framework);
        services.AddSingleton<IAntiforgery>(sp => new ReusedFormTokens((IAntiforgery)ActivatorUtilities.CreateInstance(sp, type),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>()));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        var key = Key(httpContext);
        var o = options.Value;
        if (key is not null && _tokens.TryGetValue(key, out string? reused))
        {
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
            }
            return new AntiforgeryTokenSet(reused, null, o.FormFieldName, o.HeaderName);
        }
        var tokens = inner.GetAndStoreTokens(httpContext);
        // Only a token made for the cookie the request sent (no new cookie token) belongs to that cookie's value.
        if (key is not null && tokens.CookieToken is null && tokens.RequestToken is { } made)
            _tokens.Set(key, made, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return tokens;
    }

    /// <summary>
    /// The request's antiforgery cookie and the user the form token is made for (the framework binds it to the signed-in
    /// identity's name identifier, or to nobody); null when a token should not be reused (no cookie, more than one
    /// identity, a signed-in identity without a name identifier, a cookie that must travel over HTTPS on plain HTTP).
    /// </summary>
    private string? Key(HttpContext context)
    {
        var cookie = options.Value.Cookie;
        if (cookie.Name is not { } name || context.Request.Cookies[name] is not { Length: > 0 } value) return null;
        if (cookie.SecurePolicy == CookieSecurePolicy.Always && !context.Request.IsHttps) return null;
        var identities = context.User.Identities.ToList();
        if (identities.Count > 1) return null;
        if (identities.Count == 0 || identities[0].IsAuthenticated != true) return "-\n" + value;
        var identity = identities[0];
        if (identity.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier) is not { } id || identity.HasClaim(c => c.Type is "sub" or "upn"))
            return null;
        return $"{identity.AuthenticationType}\n{id.Issuer}\n{id.Value}\n{value}";
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}
