namespace SalesAcademy.Core.Audit;

/// <summary>
/// Records who did what, when and from where (sign-ins, role and permission changes, publish, delete…).
/// The Audit module stores entries; without it nothing is recorded.
/// </summary>
public interface IAuditLog
{
    /// <param name="action">A dotted name, e.g. <c>account.signin.failed</c>, <c>content.publish</c>.</param>
    /// <param name="target">What it applied to (a user, a content item id, a role).</param>
    /// <param name="actor">Who did it; default: the signed-in user of the current request.</param>
    Task RecordAsync(string action, string? target = null, string? details = null, string? actor = null, CancellationToken ct = default);
}

internal sealed class NullAuditLog : IAuditLog
{
    public Task RecordAsync(string action, string? target = null, string? details = null, string? actor = null, CancellationToken ct = default) => Task.CompletedTask;
}
