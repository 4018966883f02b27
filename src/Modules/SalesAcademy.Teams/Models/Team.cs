namespace SalesAcademy.Teams.Models;

/// <summary>A collaborative sales team, e.g. an iron triangle with the reps around it.</summary>
public sealed class Team
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    /// <summary>IANA time zone its schedules are kept in; null: the site's (<c>Portal:TimeZone</c>).</summary>
    public string? TimeZone { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

/// <summary>A user in a team with a team role. The user lives in Accounts; only the id is kept here.</summary>
public sealed class TeamMember
{
    public string TeamId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string TeamRole { get; set; } = "";
}

/// <summary>A team role the admin added beyond the built-in ones.</summary>
public sealed class TeamRoleDefinition
{
    public string Key { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
}
