using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Learning;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Teams.Services;

/// <summary>One member's row of a team's progress grid: a cell per quiz (none = not started), the review deck and contributions.</summary>
public sealed record TeamProgressRow(TeamMemberView Member, IReadOnlyDictionary<string, QuizCell> Cells, ReviewDeckActivity Deck, ContributionCounts Contributions);

/// <summary>A team's members × quizzes, every member included whether or not they started anything.</summary>
public sealed record TeamProgressGrid(IReadOnlyList<QuizColumn> Quizzes, IReadOnlyList<TeamProgressRow> Rows);

/// <summary>
/// A team lead's first view of the team: the grid, through the Quizzes and Content modules' Core contracts (never
/// their tables). Only the team's leads and those who see every team (trainers, administrators) may see it.
/// </summary>
public sealed class TeamProgress(TeamRoster roster, ITeamDirectory directory, IAuthorizationService authorization,
    ITeamQuizProgress quizzes, ITeamContributions contributions, TimeProvider clock)
{
    /// <summary>Review-deck activity counts reviews over this many days.</summary>
    public const int ReviewWindowDays = 30;

    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, string teamId)
    {
        if (user.Identity?.IsAuthenticated != true || await roster.FindAsync(teamId) is null) return false;
        if (await authorization.HasPermissionAsync(user, TeamsPermissions.ViewAll)) return true;
        var me = user.UserId();
        return me is not null && (await directory.TeamsOfAsync(me)).Any(t => t.TeamId == teamId && t.TeamRole == TeamRoles.Lead);
    }

    public async Task<TeamProgressGrid> GridAsync(string teamId, CancellationToken ct = default)
    {
        var members = (await roster.MembersAsync([teamId], ct))[teamId];
        var ids = members.Select(m => m.UserId).ToList();
        var progress = await quizzes.ProgressAsync(ids, ct);
        var deck = await quizzes.ReviewDeckAsync(ids, clock.GetUtcNow().UtcDateTime.AddDays(-ReviewWindowDays), ct);
        var written = await contributions.CountsAsync(members.Select(m => m.Email).ToList(), ct);
        var rows = members.Select(m => new TeamProgressRow(
            m,
            progress.Cells.Where(c => c.UserId == m.UserId).ToDictionary(c => c.QuizItemId),
            deck.GetValueOrDefault(m.UserId) ?? new ReviewDeckActivity(0, 0),
            written.GetValueOrDefault(m.Email) ?? new ContributionCounts(0, 0))).ToList();
        return new TeamProgressGrid(progress.Quizzes, rows);
    }

    /// <summary>One CSV line (RFC 4180, CRLF), every field formula-safe.</summary>
    public static string CsvLine(IEnumerable<string?> fields) => string.Join(',', fields.Select(CsvField.Of)) + "\r\n";
}
