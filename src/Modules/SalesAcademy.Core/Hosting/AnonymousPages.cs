using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Hosting;

/// <summary>
/// Pages every anonymous reader sees alike (the library's lists and items) are kept whole in ASP.NET Core's output
/// cache, per address (query included), language and the value a module names as its version, for at most
/// <see cref="Lifetime"/>. A signed-in reader, a request with an <c>Authorization</c> header, a response that sets a
/// cookie and anything but a 200 are never stored. Authentication and authorization run before the cache, so a
/// stored page is only served to a request that may read it.
/// </summary>
/// <remarks>
/// A module whose page shows something that changes without its version moving evicts <see cref="Tag"/> on the node
/// where it is written (comments do); other nodes show it within <see cref="Lifetime"/>, the same as the per-item caches.
/// </remarks>
public static class AnonymousPages
{
    /// <summary>The tag of every stored anonymous page: <c>IOutputCacheStore.EvictByTagAsync(Tag)</c> drops them all.</summary>
    public const string Tag = "anonymous-pages";

    /// <summary>How long a stored page is served (another node's write shows within it).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most the stored pages take (bytes): about 600 item pages of 25 KB, or 120 list pages at 10,000 items (130 KB
    /// each). Past it new pages are not stored until old ones expire, so 10,000 items crawled anonymously do not grow the
    /// process.
    /// </summary>
    public const long SizeLimit = 16L * 1024 * 1024;

    /// <summary>The output cache with the portal's limits (the host adds it; a module adds its policy).</summary>
    public static IServiceCollection AddAnonymousPageCache(this IServiceCollection services) =>
        services.AddOutputCache(o => o.SizeLimit = SizeLimit);

    /// <summary>
    /// Adds the named policy: anonymous GET and HEAD, per address, language and <paramref name="version"/> (read at
    /// every request: a page rendered before a change is never served after it on this node).
    /// </summary>
    public static IServiceCollection AddAnonymousPagePolicy(this IServiceCollection services, string name, Func<HttpContext, long> version) =>
        services.AddOutputCache(o => o.AddPolicy(name, b => b
            .Expire(Lifetime)
            .Tag(Tag)
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
            .VaryByValue(context => new KeyValuePair<string, string>("version", version(context).ToString(CultureInfo.InvariantCulture)))));
}
