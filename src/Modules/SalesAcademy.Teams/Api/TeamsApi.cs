using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Api;

/// <summary><c>/api/v1/teams</c>: the caller's teams (every team with teams.viewall) and a team's members.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapPortalApi("/teams", "Teams");

        api.MapGet("", ListAsync)
            .WithName("ListTeams")
            .WithSummary("The caller's teams, with the caller's team role; every team with teams.viewall")
            .Produces<TeamList>();

        api.MapGet("/{id}", GetAsync)
            .WithName("GetTeam")
            .WithSummary("A team and its members with their team roles")
            .WithDescription("For the team's members and holders of teams.viewall; anyone else gets 404.")
            .Produces<TeamDetail>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ITeamDirectory directory, TeamRoster roster,
        IAuthorizationService authorization, CancellationToken ct)
    {
        var mine = (await directory.TeamsOfAsync(user.UserId() ?? "")).ToDictionary(t => t.TeamId, t => t.TeamRole, StringComparer.Ordinal);
        var viewAll = await authorization.HasPermissionAsync(user, TeamsPermissions.ViewAll);
        var teams = (await roster.AllTeamsAsync(ct)).Where(t => viewAll || mine.ContainsKey(t.Id)).ToList();
        var members = await roster.MembersAsync(teams.Select(t => t.Id).ToList(), ct);
        return Results.Ok(new TeamList(teams.Select(t =>
            new TeamSummary(t.Id, t.Name, t.Description, mine.GetValueOrDefault(t.Id), members[t.Id].Count)).ToList()));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, ITeamDirectory directory, TeamRoster roster,
        CancellationToken ct)
    {
        // Not 403: a team one may not see is indistinguishable from one that does not exist.
        if (!await directory.CanSeeTeamDataAsync(user, id) || await roster.FindAsync(id, ct) is not { } team) return ApiResults.NotFound();
        var me = user.UserId();
        var members = (await roster.MembersAsync([id], ct))[id];
        return Results.Ok(new TeamDetail(team.Id, team.Name, team.Description, team.CreatedUtc,
            members.FirstOrDefault(m => m.UserId == me)?.TeamRole,
            members.Select(m => new TeamMemberInfo(m.UserId, m.DisplayName, m.Email, m.TeamRole)).ToList()));
    }
}

/// <summary>A team as lists show it; <c>myRole</c> is the caller's team role, null when not a member.</summary>
public sealed record TeamSummary(string Id, string Name, string Description, string? MyRole, int MemberCount);

public sealed record TeamList(IReadOnlyList<TeamSummary> Items);

public sealed record TeamMemberInfo(string UserId, string DisplayName, string Email, string TeamRole);

public sealed record TeamDetail(string Id, string Name, string Description, DateTime CreatedUtc, string? MyRole, IReadOnlyList<TeamMemberInfo> Members);
