using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

/// <summary>The Accounts module's answer to <see cref="IUserDirectory"/>: other modules never reach <see cref="UserManager{TUser}"/>.</summary>
internal sealed class UserDirectory(AccountsDbContext db, ILookupNormalizer normalizer, UserManager<PortalUser> users, TimeProvider clock, PermissionGrants grants) : IUserDirectory
{
    public async Task<IReadOnlyList<string>> UsersWithPermissionAsync(string permission, CancellationToken ct = default)
    {
        var roles = new List<string> { PortalRoles.Administrator };
        foreach (var role in PortalRoles.All.Where(r => r != PortalRoles.Administrator))
            if ((await grants.OfRoleAsync(role)).Contains(permission)) roles.Add(role);
        var roleIds = await db.Roles.AsNoTracking().Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && u.UserName != null && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var normalized = userNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => normalizer.NormalizeName(n)).Distinct().ToList();
        if (normalized.Count == 0) return result;
        var users = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!))
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        foreach (var user in users)
        {
            if (user.UserName is null) continue;
            result[user.UserName] = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName.Split('@')[0] : user.DisplayName;
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<string, DirectoryUser>> ByIdsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return new Dictionary<string, DirectoryUser>(StringComparer.Ordinal);
        var rows = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToListAsync(ct);
        return rows.ToDictionary(u => u.Id, Of, StringComparer.Ordinal);
    }

    public async Task<DirectoryUser?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim()) is { } user ? Of(user) : null;

    public async Task<(DirectoryUser? User, IReadOnlyList<string> Errors)> CreateAsync(string email, string displayName, string password, string portalRole,
        CancellationToken ct = default)
    {
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return (null, created.Errors.Select(e => e.Description).ToList());
        var role = await users.AddToRoleAsync(user, portalRole);
        return role.Succeeded ? (Of(user), []) : (null, role.Errors.Select(e => e.Description).ToList());
    }

    private static DirectoryUser Of(PortalUser u) =>
        new(u.Id, u.UserName ?? "", u.Email ?? "", string.IsNullOrWhiteSpace(u.DisplayName) ? (u.UserName ?? "").Split('@')[0] : u.DisplayName);
}
