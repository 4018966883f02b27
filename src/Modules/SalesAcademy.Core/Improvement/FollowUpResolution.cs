namespace SalesAcademy.Core.Improvement;

/// <summary>The published version that addresses a follow-up, and who published it.</summary>
/// <param name="VersionUrl">A local path to the new version (<c>/playbooks/x</c>).</param>
/// <param name="VersionLabel">Plain text naming it ("Playbook X, version 3").</param>
/// <param name="ResolvedBy">The user name of who resolved it.</param>
public sealed record FollowUpResolution(string VersionUrl, string VersionLabel, string ResolvedBy);

/// <summary>What was closed: the follow-up's text and its team (null: not a team's).</summary>
public sealed record ResolvedFollowUp(string Key, string Title, string? TeamId);

/// <summary>
/// Closes a follow-up (<see cref="ContentFollowUp.Key"/>) because a new content version addresses it: the module that keeps
/// it marks it done with the link, and tells whoever it belongs to (a retro action's team) as it tells them of anything.
/// Several modules may implement it; each answers only for its own keys.
/// </summary>
public interface IContentFollowUpResolver
{
    /// <summary>The follow-up now closed, or null when the key is not this module's, is unknown or was already closed.</summary>
    Task<ResolvedFollowUp?> ResolveAsync(string key, FollowUpResolution resolution, CancellationToken ct = default);
}
