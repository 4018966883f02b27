using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Core.Security;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.Shared.Components.DrillHistory;

/// <summary>
/// Drill scores across finalised sessions as a line chart with the table behind it: on a rep's profile (Core's ProfilePanel,
/// only the rep themself) their role score and the team score; on a team's page (TeamPanel, only its leads, trainers and
/// administrators) the team score and each player's role score. Nothing for anyone else, and nothing when there is no history.
/// </summary>
public sealed class DrillHistoryViewComponent(DrillScoreBook book, IUserDirectory users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? userId = null, string? teamId = null)
    {
        var ct = HttpContext.RequestAborted;
        if (UserClaimsPrincipal.UserId() is not { Length: > 0 } me) return Content("");
        IReadOnlyList<HistoryPoint> points;
        if (userId is not null)
        {
            if (userId != me) return Content("");
            points = await book.RepHistoryAsync(userId, ct);
        }
        else if (teamId is not null && await book.MaySeeTeamHistoryAsync(UserClaimsPrincipal, teamId)) points = await book.TeamHistoryAsync(teamId, ct);
        else return Content("");
        if (points.Count == 0) return Content("");
        var players = userId is not null ? [userId] : points.SelectMany(p => p.ByPlayer.Keys).Distinct().ToList();
        var names = await users.ByIdsAsync(players, ct);
        var columns = players.Select(id => new HistoryColumn(id, names.TryGetValue(id, out var u) ? u.DisplayName : id)).OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        return View(new DrillHistoryView(userId is not null, points, columns));
    }
}

public sealed record HistoryColumn(string UserId, string Name);

/// <param name="Mine">a rep's own history (one column: their score) rather than a team's (a column per player)</param>
public sealed record DrillHistoryView(bool Mine, IReadOnlyList<HistoryPoint> Points, IReadOnlyList<HistoryColumn> Players)
{
    /// <summary>The chart's data for drill-history.js: labels (dates) and one series per line (null where someone did not play).</summary>
    public string ChartJson(string teamLabel, Func<string, string> playerLabel) => JsonSerializer.Serialize(new
    {
        labels = Points.Select(p => p.ScheduledUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        series = new[] { new { label = teamLabel, data = Points.Select(p => Round(p.TeamScore)).ToList() } }
            .Concat(Players.Select(c => new { label = playerLabel(c.Name), data = Points.Select(p => Round(p.ByPlayer.TryGetValue(c.UserId, out var s) ? s.Score : null)).ToList() }))
            .ToList(),
    });

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
