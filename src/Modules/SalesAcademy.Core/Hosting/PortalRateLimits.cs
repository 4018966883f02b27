using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Api;

namespace SalesAcademy.Core.Hosting;

/// <summary>The limits of one named policy: attempts per window, per client address and per account.</summary>
public sealed class RateLimitRule
{
    public int PerAddress { get; set; }
    public int PerAccount { get; set; }
    public double WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The <c>RateLimits</c> configuration section: one rule per named policy (<see cref="PortalRateLimits"/>), and the
/// request body limit for endpoints that do not name their own.
/// </summary>
public sealed class RateLimitOptions
{
    // Per address limits are higher than per account ones: an office behind one NAT address shares them.
    public RateLimitRule SignIn { get; set; } = new() { PerAddress = 20, PerAccount = 5 };
    public RateLimitRule PasswordReset { get; set; } = new() { PerAddress = 10, PerAccount = 3, WindowSeconds = 900 };
    public RateLimitRule Token { get; set; } = new() { PerAddress = 600, PerAccount = 300 };
    public RateLimitRule Search { get; set; } = new() { PerAddress = 300, PerAccount = 120 };

    /// <summary>
    /// How many nodes serve the site behind a load balancer (default 1). Counters are kept in each node's memory, so each node
    /// allows its share, the limit divided by this (at least 1): spread over the nodes, the cluster stays within the limit.
    /// </summary>
    public int Nodes { get; set; } = 1;

    /// <summary>This node's share of <paramref name="limit"/> (the limit itself on one node; 0 stays "no limit").</summary>
    public int NodeShare(int limit) => limit <= 0 || Nodes <= 1 ? limit : Math.Max(1, limit / Nodes);

    /// <summary>The largest request body an endpoint accepts unless it asks for more with [RequestSizeLimit] (default 1 MB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public RateLimitRule? For(string policy) => policy switch
    {
        PortalRateLimits.SignIn => SignIn,
        PortalRateLimits.PasswordReset => PasswordReset,
        PortalRateLimits.Token => Token,
        PortalRateLimits.Search => Search,
        _ => null,
    };
}

/// <summary>Puts an endpoint or page under a named rate-limit policy of <see cref="PortalRateLimits"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PortalRateLimitAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>
/// The portal's one rate limiter (ASP.NET Core's middleware with a chained, partitioned limiter): each named policy
/// counts requests per client address and per account in fixed windows. Modules name the policy on their endpoints and
/// pages; requests with a bearer token are also counted under <see cref="Token"/>. A page that learns the account only
/// from its form (sign-in, password reset) asks <see cref="TryAccount"/>. A refusal answers 429 with Retry-After.
/// </summary>
public sealed class PortalRateLimits
{
    public const string SignIn = "sign-in", PasswordReset = "password-reset", Token = "token", Search = "search";

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _limiter;

    public PortalRateLimits(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        {
            // key = "policy|address|…" or "policy|account|…"
            var parts = key.Split('|', 3);
            var rule = _options.For(parts[0]);
            var limit = _options.NodeShare(rule is null ? 0 : parts[1] == "address" ? rule.PerAddress : rule.PerAccount);
            if (limit <= 0) return RateLimitPartition.GetNoLimiter(key);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit, Window = TimeSpan.FromSeconds(Math.Max(1, rule!.WindowSeconds)), QueueLimit = 0,
            });
        });
    }

    public RateLimitOptions Options => _options;

    /// <summary>Counts one attempt for the account; the time to wait when it has used up its window, else null.</summary>
    public TimeSpan? TryAccount(string policy, string account) => Acquire($"{policy}|account|{account.Trim().ToLowerInvariant()}");

    /// <summary>Counts one attempt for the client address.</summary>
    public TimeSpan? TryAddress(string policy, HttpContext context) => Acquire($"{policy}|address|{Address(context)}");

    private TimeSpan? Acquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    /// <summary>How long a refused caller should wait: the window's rest, or a minute when the limiter does not say.</summary>
    internal static TimeSpan WaitOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);

    internal static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The limiter the middleware runs: the endpoint's policy and, for bearer-token requests, the token policy.</summary>
    internal PartitionedRateLimiter<HttpContext> ForRequests()
    {
        RateLimitPartition<string> Partition(HttpContext context, Func<HttpContext, string?> policyOf, bool byAccount)
        {
            if (policyOf(context) is not { } policy) return RateLimitPartition.GetNoLimiter("");
            var who = byAccount ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : Address(context);
            if (who is null) return RateLimitPartition.GetNoLimiter("");
            var key = $"{policy}|{(byAccount ? "account" : "address")}|{who}";
            return RateLimitPartition.Get(key, k => new SharedLease(this, k));
        }
        static string? EndpointPolicy(HttpContext c) => c.GetEndpoint()?.Metadata.GetMetadata<PortalRateLimitAttribute>()?.Policy;
        static string? TokenPolicy(HttpContext c) => PortalApi.HasBearerToken(c.Request) ? Token : null;
        return PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, EndpointPolicy, false)),
            PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, EndpointPolicy, true)),
            PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, TokenPolicy, false)),
            PartitionedRateLimiter.Create<HttpContext, string>(c => Partition(c, TokenPolicy, true)));
    }

    /// <summary>A partition that counts in the shared limiter, so pages and the middleware use the same windows.</summary>
    private sealed class SharedLease(PortalRateLimits owner, string key) : RateLimiter
    {
        // Always "idle": the wrapper may be dropped at any time, the counts live in the shared limiter.
        public override TimeSpan? IdleDuration => TimeSpan.FromHours(1);
        public override RateLimiterStatistics? GetStatistics() => owner._limiter.GetStatistics(key);
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => owner._limiter.AttemptAcquire(key, permitCount);
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            owner._limiter.AcquireAsync(key, permitCount, cancellationToken);
    }
}

public static class PortalRateLimitExtensions
{
    /// <summary>Puts an endpoint (or a route group) under a named policy of <see cref="PortalRateLimits"/>.</summary>
    public static TBuilder RequirePortalRateLimit<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PortalRateLimitAttribute(policy));

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits")
            .Validate(o => o.MaxRequestBodyBytes > 0, "RateLimits:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.Nodes is >= 1 and <= 1000, "RateLimits:Nodes must be between 1 and 1000 (the number of nodes behind the load balancer).")
            .Validate(o => new[] { o.SignIn, o.PasswordReset, o.Token, o.Search }.All(r => r.PerAddress >= 0 && r.PerAccount >= 0 && r.WindowSeconds > 0),
                "RateLimits: limits must not be negative and windows must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PortalRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<PortalRateLimits>((o, limits) =>
        {
            o.GlobalLimiter = limits.ForRequests();
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                await WriteTooManyAsync(context.HttpContext, PortalRateLimits.WaitOf(context.Lease));
            };
        });
        return services;
    }

    /// <summary>429 with Retry-After: a ProblemDetails for the API, the status page (a friendly message) for pages.</summary>
    public static async Task WriteTooManyAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments(PortalApi.Root))
            await ApiResults.Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests", $"Too many requests; try again in {seconds} s.").ExecuteAsync(context);
        else AsStatusPage(context);
    }

    /// <summary>The status page re-executes the request: as a GET, so it neither reads the refused body nor checks a form token.</summary>
    private static void AsStatusPage(HttpContext context) => context.Request.Method = HttpMethods.Get;

    /// <summary>
    /// The rate limiter, and the request body limit: the endpoint's [RequestSizeLimit] or the default; a larger body
    /// answers 413 (a ProblemDetails for the API, the status page for pages).
    /// </summary>
    public static IApplicationBuilder UsePortalRateLimits(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata ? metadata.MaxRequestBodySize : options.MaxRequestBodyBytes;
            if (limit is { } max)
            {
                if (context.Request.ContentLength > max)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    if (context.Request.Path.StartsWithSegments(PortalApi.Root))
                        await ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The request body may be at most {max:N0} bytes.").ExecuteAsync(context);
                    else
                    {
                        // Written here: the status page would re-execute a POST whose body it may not read.
                        context.Response.ContentType = "text/plain; charset=utf-8";
                        await context.Response.WriteAsync($"What you sent is larger than this page accepts (at most {max:N0} bytes). Send less at once (for example, split a file).");
                    }
                    return;
                }
                // Bodies without a length (chunked) stop at the limit while being read.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }
}
