using Microsoft.Extensions.Diagnostics.HealthChecks;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// How old this node's copies of the permission grants and site settings are, against how old they may get
/// (<c>maxAgeSeconds</c>; "never" on SQLite, where no other node writes): another node's change shows here within that time.
/// </summary>
internal sealed class SharedStateHealthCheck(PermissionGrants grants, SiteSettingsStore settings, SharedStateCache freshness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["maxAgeSeconds"] = freshness.MaxAge == Timeout.InfiniteTimeSpan ? "never re-read (one node)" : freshness.MaxAge.TotalSeconds,
        };
        if (grants.Age is { } grantsAge) data["permissionsAgeSeconds"] = Math.Round(grantsAge.TotalSeconds, 1);
        if (settings.Age is { } settingsAge) data["siteSettingsAgeSeconds"] = Math.Round(settingsAge.TotalSeconds, 1);
        return Task.FromResult(HealthCheckResult.Healthy("cached", data));
    }
}
