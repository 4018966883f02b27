namespace SalesAcademy.Audit.Models;

/// <summary>One recorded action: who did what to which target, when and from which address.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>Dotted, most general first: <c>account.signin.failed</c>, <c>user.role.changed</c>.</summary>
    public string Action { get; set; } = "";
    public string? Target { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}
