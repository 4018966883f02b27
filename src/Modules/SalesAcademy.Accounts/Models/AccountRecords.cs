namespace SalesAcademy.Accounts.Models;

/// <summary>A permission granted to a role (the admin edits the grants).</summary>
public sealed class RolePermission
{
    public string Role { get; set; } = "";
    public string Permission { get; set; } = "";
}

/// <summary>A permission whose default grants were applied (so later starts leave the admin's choices alone).</summary>
public sealed class KnownPermission
{
    public string Name { get; set; } = "";
}

/// <summary>A personal access token for the API; only its SHA-256 hash is stored.</summary>
public sealed class PersonalAccessToken
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>The first characters, shown so users can tell their tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}

/// <summary>Site-wide settings chosen at setup and changed by administrators (one row).</summary>
public sealed class SiteSettings
{
    public int Id { get; set; } = 1;
    public string SiteName { get; set; } = "SalesAcademy";
    public string DefaultCulture { get; set; } = "zh-CN";
    /// <summary>Published content readable without signing in (off by default).</summary>
    public bool AnonymousReading { get; set; }
    public DateTime SetupCompletedUtc { get; set; }
}
