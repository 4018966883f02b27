using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Pages.Admin;

/// <summary>Roles × permissions: which role may do what. Administrators always hold every permission.</summary>
[Authorize(Policy = "perm:" + AccountsPermissions.ManagePermissions)]
public sealed class PermissionsModel(AccountsDbContext db, PermissionCatalog catalog, PermissionGrants grants, IAuditLog audit) : PageModel
{
    public static readonly string[] EditableRoles = PortalRoles.All.Where(r => r != PortalRoles.Administrator).ToArray();
    public IReadOnlyList<Permission> Permissions => catalog.All;
    public HashSet<(string Role, string Permission)> Granted { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <param name="grant">Checked boxes, each "Role|permission".</param>
    public async Task<IActionResult> OnPostAsync(string[] grant)
    {
        var wanted = grant.Select(g => g.Split('|')).Where(p => p.Length == 2 && EditableRoles.Contains(p[0]) && catalog.Exists(p[1]))
            .Select(p => (Role: p[0], Permission: p[1])).ToHashSet();
        var current = await db.RolePermissions.Where(r => r.Role != PortalRoles.Administrator).ToListAsync();
        var removed = current.Where(r => !wanted.Contains((r.Role, r.Permission))).ToList();
        var added = wanted.Where(w => !current.Any(r => r.Role == w.Role && r.Permission == w.Permission)).ToList();
        db.RolePermissions.RemoveRange(removed);
        db.RolePermissions.AddRange(added.Select(a => new RolePermission { Role = a.Role, Permission = a.Permission }));
        await db.SaveChangesAsync();
        grants.Invalidate();
        foreach (var r in removed) await audit.RecordAsync("permission.revoked", r.Role, r.Permission);
        foreach (var a in added) await audit.RecordAsync("permission.granted", a.Role, a.Permission);
        Message = "The permissions were saved.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Granted = (await db.RolePermissions.AsNoTracking().ToListAsync()).Select(r => (r.Role, r.Permission)).ToHashSet();
}
