using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

/// <summary>The Accounts module's answer to <see cref="IUserDirectory"/>: display names by user name, one query.</summary>
internal sealed class UserDirectory(AccountsDbContext db, ILookupNormalizer normalizer, PermissionGrants grants) : IUserDirectory
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
}
