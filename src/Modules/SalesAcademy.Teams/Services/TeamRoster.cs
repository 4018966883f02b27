using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Security;
using SalesAcademy.Core.Audit;
using SalesAcademy.Teams.Data;
using SalesAcademy.Teams.Models;

namespace SalesAcademy.Teams.Services;

/// <summary>A member as pages show them: the team role plus the user's name and e-mail from Accounts.</summary>
public sealed record TeamMemberView(string UserId, string DisplayName, string Email, string TeamRole);

/// <summary>
/// Creating and changing teams and their members, with an audit entry for each change.
/// Errors are English UI texts (the pages localize them); null means done.
/// </summary>
public sealed partial class TeamRoster(TeamsDbContext db, IUserDirectory users, IAuditLog audit, TimeProvider clock)
{
    public async Task<TeamRoleLabels> RolesAsync(CancellationToken ct = default) =>
        new(await db.RoleDefinitions.AsNoTracking().ToListAsync(ct));

    public Task<List<Team>> AllTeamsAsync(CancellationToken ct = default) =>
        db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);

    public Task<Team?> FindAsync(string id, CancellationToken ct = default) =>
        db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    public Task<Team?> FindByNameAsync(string name, CancellationToken ct = default) =>
        db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);

    /// <summary>The members of the given teams by team id, ordered by team role then name.</summary>
    public async Task<Dictionary<string, List<TeamMemberView>>> MembersAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct = default)
    {
        var rows = await db.Members.AsNoTracking().Where(m => teamIds.Contains(m.TeamId)).ToListAsync(ct);
        var userIds = rows.Select(m => m.UserId).Distinct().ToList();
        var people = await users.ByIdsAsync(userIds, ct);
        var order = TeamRoleLabels.BuiltIn.ToList();
        return teamIds.ToDictionary(id => id, id => rows.Where(m => m.TeamId == id)
            .Select(m => people.TryGetValue(m.UserId, out var p)
                ? new TeamMemberView(m.UserId, p.DisplayName, p.Email, m.TeamRole)
                : new TeamMemberView(m.UserId, m.UserId, "", m.TeamRole))
            .OrderBy(m => order.IndexOf(m.TeamRole) is var i && i < 0 ? order.Count : i)
            .ThenBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    public async Task<(Team? Team, string? Error)> CreateAsync(string? name, string? description, string? actor = null, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (ValidateName(name) is { } invalid) return (null, invalid);
        if (await db.Teams.AnyAsync(t => t.Name == name, ct)) return (null, "A team with this name exists already.");
        var team = new Team { Name = name, Description = description?.Trim() ?? "", CreatedUtc = clock.GetUtcNow().UtcDateTime };
        if (team.Description.Length > 500) return (null, "The description may have at most 500 characters.");
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.created", team.Name, $"id {team.Id}", actor, ct);
        return (team, null);
    }

    public async Task<string?> RenameAsync(string id, string? name, string? description, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return "The team does not exist.";
        if (ValidateName(name) is { } invalid) return invalid;
        if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != id, ct)) return "A team with this name exists already.";
        if ((description?.Trim() ?? "").Length > 500) return "The description may have at most 500 characters.";
        var before = team.Name;
        team.Name = name;
        team.Description = description?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.renamed", team.Name, before == name ? "description changed" : $"{before} -> {name}", ct: ct);
        return null;
    }

    /// <summary>Sets the team's IANA time zone (its schedules follow it); null or empty: the site's.</summary>
    public async Task<string?> SetTimeZoneAsync(string id, string? timeZone, string? actor = null, CancellationToken ct = default)
    {
        timeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (timeZone is not null && (timeZone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)))
            return "Choose a time zone such as Asia/Shanghai or Europe/Berlin.";
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return "The team does not exist.";
        if (team.TimeZone == timeZone) return null;
        team.TimeZone = timeZone;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.timezone", team.Name, timeZone ?? "site default", actor, ct);
        return null;
    }

    public async Task<string?> DeleteAsync(string id, CancellationToken ct = default)
    {
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return "The team does not exist.";
        db.Teams.Remove(team); // members go with it (cascade)
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.deleted", team.Name, $"id {team.Id}", ct: ct);
        return null;
    }

    public async Task<string?> AddMemberAsync(string teamId, string? email, string? role, string? actor = null, CancellationToken ct = default)
    {
        if (await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) is not { } team) return "The team does not exist.";
        if (!(await RolesAsync(ct)).Exists(role ?? "")) return "Choose one of the team roles.";
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim(), ct) is not { } user) return "No user has this e-mail address.";
        if (await db.Members.AnyAsync(m => m.TeamId == teamId && m.UserId == user.Id, ct)) return "The user is in this team already.";
        db.Members.Add(new TeamMember { TeamId = teamId, UserId = user.Id, TeamRole = role! });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.member.added", team.Name, $"{user.Email} as {role}", actor, ct);
        return null;
    }

    public async Task<string?> ChangeRoleAsync(string teamId, string userId, string? role, CancellationToken ct = default)
    {
        if (await db.Members.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, ct) is not { } member) return "The user is not in this team.";
        if (!(await RolesAsync(ct)).Exists(role ?? "")) return "Choose one of the team roles.";
        var before = member.TeamRole;
        member.TeamRole = role!;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.member.role.changed", await TeamNameAsync(teamId, ct), $"{await EmailAsync(userId)}: {before} -> {role}", ct: ct);
        return null;
    }

    public async Task<string?> RemoveMemberAsync(string teamId, string userId, CancellationToken ct = default)
    {
        if (await db.Members.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, ct) is not { } member) return "The user is not in this team.";
        db.Members.Remove(member);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.member.removed", await TeamNameAsync(teamId, ct), $"{await EmailAsync(userId)} ({member.TeamRole})", ct: ct);
        return null;
    }

    public async Task<string?> AddRoleAsync(string? key, string? nameZh, string? nameEn, CancellationToken ct = default)
    {
        key = key?.Trim() ?? "";
        if (!RoleKey().IsMatch(key)) return "A role key is 2 to 32 letters or digits, starting with a letter (e.g. PreSales).";
        if ((await RolesAsync(ct)).Exists(key)) return "This team role exists already.";
        nameZh = nameZh?.Trim() ?? "";
        nameEn = nameEn?.Trim() ?? "";
        if (nameZh.Length is 0 or > 50 || nameEn.Length is 0 or > 50) return "Enter a Chinese and an English name of at most 50 characters.";
        db.RoleDefinitions.Add(new TeamRoleDefinition { Key = key, NameZh = nameZh, NameEn = nameEn });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("team.role.created", key, $"{nameZh} / {nameEn}", ct: ct);
        return null;
    }

    private static string? ValidateName(string name) =>
        name.Length is 0 or > 100 ? "Enter a team name of at most 100 characters." : null;

    private async Task<string> TeamNameAsync(string id, CancellationToken ct) =>
        await db.Teams.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? id;

    private async Task<string> EmailAsync(string userId) => (await users.ByIdsAsync([userId])).GetValueOrDefault(userId)?.Email ?? userId;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,31}$")]
    private static partial Regex RoleKey();
}
