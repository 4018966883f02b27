using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Limits sign-in and password-reset attempts per client address (a fixed window per minute), on top
/// of Identity's per-account lockout, so one address cannot try passwords across many accounts.
/// </summary>
public sealed class SignInThrottle(int attemptsPerMinute)
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <returns>False when the address has used up its attempts for this minute.</returns>
    public bool TryAttempt(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }
}
