using Microsoft.AspNetCore.Identity;

namespace SalesAcademy.Accounts.Models;

/// <summary>A person who signs in: a rep, trainer, team lead or administrator.</summary>
public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>A disabled user cannot sign in; their sessions and tokens stop working within a minute.</summary>
    public bool Disabled { get; set; }
    public DateTime CreatedUtc { get; set; }
}
