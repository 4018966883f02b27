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

/// <summary>What a personal access token may do through the API.</summary>
public enum TokenScope
{
    /// <summary>GET, HEAD and OPTIONS only; every write answers as if the endpoint were not there.</summary>
    Read = 0,
    ReadWrite = 1,
}

/// <summary>A personal access token for the API; only its SHA-256 hash is stored.</summary>
public sealed class PersonalAccessToken
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>
    /// Shown so users can tell their tokens apart: a generated token's first characters (random, so they reveal
    /// nothing else); for a token supplied in configuration, which may not be random, "#" and 8 hex digits of its hash.
    /// </summary>
    public string Prefix { get; set; } = "";
    public TokenScope Scope { get; set; } = TokenScope.ReadWrite;
    public DateTime CreatedUtc { get; set; }
    /// <summary>After this the token answers 401; null only for the token configured at setup (the operator rotates it).</summary>
    public DateTime? ExpiresUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}

/// <summary>
/// A server-side sign-in session: the auth cookie carries its id, and every request checks that it has not
/// ended, so sign-out, disabling and password changes take effect at once on every node.
/// </summary>
public sealed class UserSession
{
    /// <summary>128 random bits (hex); only the cookie, which is encrypted, and the owner's profile page carry it.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    /// <summary>The absolute end, however active the session is.</summary>
    public DateTime ExpiresUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    /// <summary>signout, signout-everywhere, disabled, password-changed, password-reset, idle, expired, replaced.</summary>
    public string? EndReason { get; set; }
    public string UserAgent { get; set; } = "";
    public string IpAddress { get; set; } = "";
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
