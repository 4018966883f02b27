using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.DrillSessions;

/// <summary>
/// The sessions one plays in or facilitates and every session of the teams one leads, and (for leads, trainers,
/// administrators) the form that schedules one: team, drill, date and time in the team's time zone. Roles are assigned on the
/// session's page (they depend on the drill).
/// </summary>
[Authorize]
public sealed class IndexModel(DrillSessionBook book, DrillSessionAccess access, ITeamDirectory teams, IStringLocalizer<IndexModel> t) : PageModel
{
    public IReadOnlyList<DrillSession> Sessions { get; private set; } = [];
    public IReadOnlyList<TeamName> Schedulable { get; private set; } = [];
    public IReadOnlyList<Content.Models.ContentItem> Drills { get; private set; } = [];
    public Dictionary<string, string> TeamNames { get; } = new(StringComparer.Ordinal);
    public IReadOnlyDictionary<string, string> Zones { get; private set; } = new Dictionary<string, string>();
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    [BindProperty] public string? Team { get; set; }
    [BindProperty] public string? Drill { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DrillResult result;
        if (Date is null || Time is null) result = DrillResult.Invalid("scheduledUtc", "Date and time: choose when the session takes place.");
        else
        {
            var zone = await ZoneOfAsync(Team, ct);
            var local = Date.Value.ToDateTime(Time.Value, DateTimeKind.Unspecified);
            result = await book.ScheduleAsync(User, new SessionDraft(Team, Drill, TimeZoneInfo.ConvertTimeToUtc(local, zone)), ct);
        }
        if (result.Ok) return Redirect($"/drill-sessions/{result.Id}#people");
        await LoadAsync(ct);
        ErrorField = result.Field;
        Error = t[result.Message ?? "", (result.Args ?? []).Cast<object>().ToArray()];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<TimeZoneInfo> ZoneOfAsync(string? teamId, CancellationToken ct)
    {
        var zones = teamId is null ? new Dictionary<string, string>() : await teams.TimeZonesAsync([teamId], ct);
        return zones.GetValueOrDefault(teamId ?? "") is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Sessions = await book.ListAsync(User, ct: ct);
        Schedulable = await access.SchedulableTeamsAsync(User, ct);
        if (Schedulable.Count > 0) Drills = await book.PublishedDrillsAsync();
        foreach (var team in await teams.AllTeamsAsync(ct)) TeamNames[team.Id] = team.Name;
        Zones = await teams.TimeZonesAsync(Sessions.Select(s => s.TeamId).Concat(Schedulable.Select(s => s.Id)).Distinct().ToList(), ct);
    }

    /// <summary>A session's time in its team's time zone, with the zone's name.</summary>
    public string When(DrillSession session) => DrillSessionTimes.Local(session.ScheduledUtc, Zones.GetValueOrDefault(session.TeamId));
}

/// <summary>Times shown in a team's time zone.</summary>
public static class DrillSessionTimes
{
    public static string Local(DateTime utc, string? zoneId)
    {
        var zone = zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var z) ? z : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            + " (" + (zoneId ?? "UTC") + ")";
    }

    /// <summary>A time left or overrun as m:ss (h:mm:ss from an hour).</summary>
    public static string Span(TimeSpan span)
    {
        var s = span.Duration();
        return s.TotalHours >= 1 ? s.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : s.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
