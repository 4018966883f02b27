using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Core.Health;

/// <summary>The <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Lets a monitor see the details without signing in: sent as the <c>X-Health-Token</c> header.
    /// At least 32 characters; unset, only administrators see the details.
    /// </summary>
    public string? DetailsToken { get; set; }
}

/// <summary>
/// Writes <c>{"status": "Healthy", "node": "web1-5080", "checks": {"database": {"status"}}}</c> for everyone; descriptions, data and
/// timings (which may hold exception texts and names) only for administrators or a monitor with the details token.
/// </summary>
internal static class HealthJson
{
    public const string TokenHeader = "X-Health-Token";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // Which node answered: behind a load balancer every request may reach another one.
        var node = context.RequestServices.GetRequiredService<Hosting.PortalOptions>().NodeName;
        object body = MaySeeDetails(context)
            ? new
            {
                status = report.Status.ToString(),
                node,
                durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                checks = report.Entries.ToDictionary(e => e.Key, e => (object)new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data,
                }),
            }
            : new
            {
                status = report.Status.ToString(),
                node,
                checks = report.Entries.ToDictionary(e => e.Key, e => (object)new { status = e.Value.Status.ToString() }),
            };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private static bool MaySeeDetails(HttpContext context)
    {
        if (context.User.IsInRole(PortalRoles.Administrator)) return true;
        var expected = context.RequestServices.GetRequiredService<IOptions<HealthOptions>>().Value.DetailsToken;
        var given = context.Request.Headers[TokenHeader].ToString();
        return !string.IsNullOrEmpty(expected) && given.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
