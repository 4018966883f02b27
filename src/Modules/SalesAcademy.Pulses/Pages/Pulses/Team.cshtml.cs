using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Pulses.Services;

namespace SalesAcademy.Pulses.Pages.Pulses;

/// <summary>
/// A team's pulse results: the latest pulse per dimension (mean and distribution) once enough people answered, and the
/// trend of each dimension across pulses as a chart with the table behind it. Members, leads, trainers, administrators; others 404.
/// </summary>
[Authorize]
public sealed class TeamModel(PulseBook book, ITeamDirectory teams) : PageModel
{
    public string TeamId { get; private set; } = "";
    public string TeamName { get; private set; } = "";
    public IReadOnlyList<PulseView> Pulses { get; private set; } = [];
    public PulseView? Latest { get; private set; }
    public PulseResults? LatestResults { get; private set; }
    public PulseTrend? Trend { get; private set; }
    public bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    public int MinRespondents => book.MinRespondents;

    public async Task<IActionResult> OnGetAsync(string teamId, CancellationToken ct)
    {
        if (!await book.MaySeeAsync(User, teamId)) return NotFound();
        var team = (await teams.AllTeamsAsync(ct)).FirstOrDefault(t => t.Id == teamId);
        if (team is null) return NotFound();
        TeamId = teamId;
        TeamName = team.Name;
        Pulses = await book.ForTeamAsync(teamId, ct);
        // The latest pulse whose results may be shown, else simply the latest (which then says why there are none).
        foreach (var pulse in Pulses)
        {
            var results = await book.ResultsAsync(pulse, ct);
            if (Latest is null) { Latest = pulse; LatestResults = results; }
            if (results.Shown) { Latest = pulse; LatestResults = results; break; }
        }
        Trend = await book.TrendAsync(teamId, Latest?.Pulse.PackItemId, ct);
        return Page();
    }

    /// <summary>The chart's data for pulse-trend.js: labels (dates) and one series per dimension (null where a pulse lacks it).</summary>
    public string ChartJson()
    {
        if (Trend is null) return "{}";
        return JsonSerializer.Serialize(new
        {
            labels = Trend.Points.Select(p => p.OpenedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            series = Trend.Dimensions.Select(d => new
            {
                label = d.Text(Chinese),
                data = Trend.Points.Select(p => p.Means.TryGetValue(d.Key, out var m) ? m : (double?)null).ToList(),
            }).ToList(),
        });
    }
}
