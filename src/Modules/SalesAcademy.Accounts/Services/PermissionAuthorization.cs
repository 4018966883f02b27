using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

/// <summary>Every permission the modules declare, and the grants on a new site.</summary>
public sealed class PermissionCatalog(IEnumerable<IPermissionProvider> providers)
{
    public IReadOnlyList<Permission> All { get; } = providers.SelectMany(p => p.Permissions).DistinctBy(p => p.Name).OrderBy(p => p.Name).ToList();
    public IReadOnlyList<(string Role, string Permission)> Defaults { get; } = providers.SelectMany(p => p.DefaultGrants).Distinct().ToList();
    public bool Exists(string name) => All.Any(p => p.Name == name);
}

/// <summary>
/// Which role holds which permission: read once, kept in memory, dropped when the admin changes a grant on this node, and
/// read again after <see cref="SharedStateCache.MaxAge"/> on PostgreSQL, where another node may have changed it.
/// </summary>
public sealed class PermissionGrants(IServiceScopeFactory scopes, SharedStateCache freshness)
{
    private volatile Loaded? _byRole;

    private sealed record Loaded(Dictionary<string, HashSet<string>> ByRole, long At);

    public void Invalidate() => _byRole = null;

    /// <summary>How old the grants this node holds are (null: none held), for /health.</summary>
    public TimeSpan? Age => _byRole is { } loaded ? freshness.Age(loaded.At) : null;

    public async ValueTask<bool> HasAsync(ClaimsPrincipal user, string permission)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.IsInRole(PortalRoles.Administrator)) return true; // administrators hold every permission
        var grants = await GrantsAsync();
        return user.FindAll(ClaimTypes.Role).Any(r => grants.TryGetValue(r.Value, out var set) && set.Contains(permission));
    }

    public async ValueTask<IReadOnlySet<string>> OfRoleAsync(string role) =>
        (await GrantsAsync()).GetValueOrDefault(role) ?? [];

    private async ValueTask<Dictionary<string, HashSet<string>>> GrantsAsync() =>
        _byRole is { } loaded && freshness.IsFresh(loaded.At) ? loaded.ByRole : await LoadAsync();

    private async Task<Dictionary<string, HashSet<string>>> LoadAsync()
    {
        var at = freshness.Now;
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().RolePermissions.AsNoTracking().ToListAsync();
        var byRole = rows.GroupBy(r => r.Role).ToDictionary(g => g.Key, g => g.Select(r => r.Permission).ToHashSet(), StringComparer.Ordinal);
        _byRole = new Loaded(byRole, at);
        return byRole;
    }
}

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

internal sealed class ReadContentRequirement : IAuthorizationRequirement;

internal sealed class PermissionHandler(PermissionGrants grants) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (await grants.HasAsync(context.User, requirement.Permission)) context.Succeed(requirement);
    }
}

/// <summary>Published content: any signed-in user, or anyone when the site allows anonymous reading.</summary>
internal sealed class ReadContentHandler(SiteSettingsStore settings) : AuthorizationHandler<ReadContentRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadContentRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true || (await settings.GetAsync())?.AnonymousReading == true)
            context.Succeed(requirement);
    }
}

/// <summary>Builds <c>perm:&lt;name&gt;</c> policies on demand for any declared permission.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, PermissionCatalog catalog) : DefaultAuthorizationPolicyProvider(options)
{
    // Policies never change once built; cached here and (AllowsCachingPolicies) per endpoint by ASP.NET.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuthorizationPolicy> _built = new(StringComparer.Ordinal);

    public override bool AllowsCachingPolicies => true;

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (_built.TryGetValue(policyName, out var cached)) return cached;
        if (policyName == PortalPolicies.ReadContent)
            return _built.GetOrAdd(policyName, _ => new AuthorizationPolicyBuilder().AddRequirements(new ReadContentRequirement()).Build());
        if (policyName.StartsWith("perm:", StringComparison.Ordinal))
        {
            var permission = policyName[5..];
            if (!catalog.Exists(permission)) throw new InvalidOperationException($"Policy '{policyName}' names no declared permission.");
            return _built.GetOrAdd(policyName, _ => new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)).Build());
        }
        return await base.GetPolicyAsync(policyName);
    }
}
