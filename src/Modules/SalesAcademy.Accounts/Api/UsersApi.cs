using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Api;

/// <summary><c>/api/v1/users</c>: who the token belongs to, and (with users.manage) the user list.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapPortalApi("/users", "Users");

        api.MapGet("/me", MeAsync)
            .WithName("GetCurrentUser")
            .WithSummary("The token's user: id, e-mail, display name, roles and effective permissions")
            .Produces<CurrentUser>();

        api.MapGet("", ListAsync)
            .RequireAuthorization(PortalPolicies.For(AccountsPermissions.ManageUsers))
            .WithName("ListUsers")
            .WithSummary("List users, ordered by e-mail (needs users.manage)")
            .WithDescription("q filters by e-mail or display name (contains). Without users.manage the answer is 404.")
            .Produces<ApiPage<UserSummary>>()
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        return api;
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal principal, UserManager<PortalUser> users, PermissionCatalog catalog, PermissionGrants grants)
    {
        if (await users.GetUserAsync(principal) is not { } user) return ApiResults.NotFound();
        var permissions = new List<string>();
        foreach (var permission in catalog.All)
        {
            if (await grants.HasAsync(principal, permission.Name)) permissions.Add(permission.Name);
        }
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return Results.Ok(new CurrentUser(user.Id, user.Email ?? "", principal.DisplayName(), roles, permissions));
    }

    private static async Task<IResult> ListAsync(string? q, int? page, int? pageSize, UserManager<PortalUser> users, CancellationToken ct)
    {
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        var query = users.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }
        int p = page ?? 1, size = pageSize ?? ApiPaging.DefaultPageSize;
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.NormalizedEmail).Skip((p - 1) * size).Take(size).ToListAsync(ct);

        // One query per role (there are four), not one per user.
        var ids = rows.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var roleOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var role in PortalRoles.All)
        foreach (var member in await users.GetUsersInRoleAsync(role))
        {
            if (!ids.Contains(member.Id)) continue;
            if (!roleOf.TryGetValue(member.Id, out var list)) roleOf[member.Id] = list = [];
            list.Add(role);
        }
        var items = rows.Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, roleOf.GetValueOrDefault(u.Id) ?? [], u.Disabled, u.CreatedUtc)).ToList();
        return Results.Ok(new ApiPage<UserSummary>(total, p, size, items));
    }
}

public sealed record CurrentUser(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

public sealed record UserSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Disabled, DateTime CreatedUtc);
