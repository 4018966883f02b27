using System.Security.Claims;

namespace SalesAcademy.Core.Security;

/// <summary>One team a user belongs to, with the user's role in it (e.g. <c>AccountManager</c>, see <see cref="Domain.TeamRoles"/>).</summary>
public sealed record TeamMembership(string TeamId, string TeamName, string TeamRole);

/// <summary>A member of a team with their role in it (<see cref="Domain.TeamRoles.Lead"/> leads it).</summary>
public sealed record TeamMemberRole(string TeamId, string UserId, string TeamRole);

/// <summary>A team's id and name, for pickers and lists in other modules.</summary>
public sealed record TeamName(string Id, string Name);

/// <summary>
/// Who is in which team, for modules that show or keep team data (drills, retros, reports).
/// The Teams module implements it.
/// </summary>
public interface ITeamDirectory
{
    Task<IReadOnlyList<TeamMembership>> TeamsOfAsync(string userId);

    /// <summary>True for the team's members and for users holding <c>teams.viewall</c> (trainers, administrators).</summary>
    Task<bool> CanSeeTeamDataAsync(ClaimsPrincipal user, string teamId);

    /// <summary>The user ids of the members of the given teams (one query).</summary>
    Task<IReadOnlyList<string>> MemberIdsAsync(IReadOnlyCollection<string> teamIds);

    /// <summary>Every membership of the given teams with its role (one query), e.g. to tell each team's leads. None unless the Teams module answers.</summary>
    Task<IReadOnlyList<TeamMemberRole>> MembersAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<TeamMemberRole>>([]);

    /// <summary>
    /// The IANA time zone of each given team that exists: its own, else the site's (<c>Portal:TimeZone</c>).
    /// Schedules (a weekly quiz round at 09:00) are kept in it.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> TimeZonesAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default);

    /// <summary>Every team, by name (for a trainer choosing target teams). None unless the Teams module answers.</summary>
    Task<IReadOnlyList<TeamName>> AllTeamsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<TeamName>>([]);
}
