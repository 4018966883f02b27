using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Localization;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

/// <summary>What the first administrator chooses on /setup (or in configuration under Portal:Setup).</summary>
public sealed class SetupRequest
{
    public const string Section = "Portal:Setup";

    public string SiteName { get; set; } = "SalesAcademy";
    public string DefaultCulture { get; set; } = PortalCultures.Chinese;
    public string AdminEmail { get; set; } = "";
    public string AdminPassword { get; set; } = "";
    public string? AdminApiToken { get; set; }
    public bool AnonymousReading { get; set; }

    /// <summary>What is wrong with the choices, by field (the password is Identity's to judge); empty when they are good.</summary>
    public Dictionary<string, string> Problems()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(SiteName) || SiteName.Length > 100) errors[nameof(SiteName)] = "Enter a site name of at most 100 characters.";
        if (!PortalCultures.IsSupported(DefaultCulture)) errors[nameof(DefaultCulture)] = "Choose zh-CN or en.";
        if (AdminApiToken is { Length: > 0 and < 32 }) errors[nameof(AdminApiToken)] = "The API token must have at least 32 characters.";
        return errors;
    }
}

/// <summary>Creates the roles, the default permission grants, the first administrator and the site settings.</summary>
public sealed class SetupService(
    AccountsDbContext db, UserManager<PortalUser> users, RoleManager<IdentityRole> roles, PermissionCatalog catalog,
    PermissionGrants grants, SiteSettingsStore settings, AccessTokens tokens, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Roles and grants for permissions that are new since the last start (existing grants are never changed).</summary>
    public async Task EnsureRolesAndGrantsAsync(CancellationToken ct = default)
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), "role", role);
        }
        // A permission gets its default grants once, when it first appears; after that the admin decides.
        var known = (await db.KnownPermissions.Select(p => p.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var permission in catalog.All.Where(p => !known.Contains(p.Name)))
        {
            db.KnownPermissions.Add(new KnownPermission { Name = permission.Name });
            foreach (var (role, _) in catalog.Defaults.Where(d => d.Permission == permission.Name && d.Role != PortalRoles.Administrator))
                db.RolePermissions.Add(new RolePermission { Role = role, Permission = permission.Name });
        }
        if (await db.SaveChangesAsync(ct) > 0) grants.Invalidate();
    }

    /// <returns>Errors by field; empty when the site is set up.</returns>
    public async Task<Dictionary<string, string>> CompleteAsync(SetupRequest request, CancellationToken ct = default)
    {
        if (await settings.IsSetUpAsync()) return new() { [""] = "The site is already set up." };
        var errors = request.Problems();
        if (errors.Count > 0) return errors;

        await EnsureRolesAndGrantsAsync(ct);
        var admin = new PortalUser
        {
            UserName = request.AdminEmail.Trim(), Email = request.AdminEmail.Trim(), EmailConfirmed = true,
            DisplayName = request.AdminEmail.Split('@')[0], CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, request.AdminPassword);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                errors[error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(request.AdminPassword) : nameof(request.AdminEmail)] = error.Description;
            return errors;
        }
        Check(await users.AddToRoleAsync(admin, PortalRoles.Administrator), "role", PortalRoles.Administrator);
        if (!string.IsNullOrEmpty(request.AdminApiToken)) await tokens.AddConfiguredAsync(admin.Id, request.AdminApiToken, ct);
        db.SiteSettings.Add(new SiteSettings
        {
            SiteName = request.SiteName.Trim(), DefaultCulture = request.DefaultCulture,
            AnonymousReading = request.AnonymousReading, SetupCompletedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        settings.Invalidate();
        await audit.RecordAsync("site.setup", request.SiteName, $"administrator {admin.Email}", admin.Email, ct);
        return errors;
    }

    private static void Check(IdentityResult result, string what, string name)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create {what} '{name}': {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
