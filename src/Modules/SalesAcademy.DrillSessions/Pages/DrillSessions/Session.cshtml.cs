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
/// A drill session: the scenario, objectives and steps for everyone in it; only the viewer's own role's private brief (every
/// brief for the facilitator, the team's leads, trainers); the running step with its time box counting down by the server's
/// clock; the submission form; the submissions the viewer may see; the facilitator's controls and the roles. Every form posts to
/// a handler here, which goes through <see cref="DrillSessionBook"/>; anyone who may not see the session gets 404.
/// </summary>
[Authorize]
public sealed class SessionModel(DrillSessionBook book, AttachmentStore files, IUserDirectory users, ITeamDirectory teams, IStringLocalizer<SessionModel> t) : PageModel
{
    public SessionView View { get; private set; } = null!;
    public IReadOnlyList<(DrillSubmission Submission, DrillAttachment? Attachment)> Submissions { get; private set; } = [];
    public IReadOnlyDictionary<string, DirectoryUser> People { get; private set; } = new Dictionary<string, DirectoryUser>();
    public IReadOnlyList<DirectoryUser> Members { get; private set; } = [];
    public IReadOnlyList<DirectoryUser> CustomerCandidates { get; private set; } = [];
    public string TeamName { get; private set; } = "";
    public string? Zone { get; private set; }
    public DateTime Now { get; private set; }
    public long MaxBytes { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    [BindProperty] public int? Step { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Link { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Facilitator { get; set; }
    [BindProperty] public Dictionary<string, string> Roles { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => book.MoveAsync(User, id, Step ?? -1, ct), "", ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => book.AssignAsync(User, id, Facilitator, Roles, ct), "#people", ct);

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct) => RunAsync(id, () => Kind switch
    {
        "Attachment" when Upload is null => Task.FromResult(DrillResult.Invalid("file", "File: choose a file.")),
        "Attachment" => book.SubmitFileAsync(User, id, Step ?? -1, new IncomingFile(Upload!.FileName, Upload.Length, Upload.OpenReadStream), ct),
        "Link" => book.SubmitAsync(User, id, Step ?? -1, DrillSubmissionKind.Link, Text, Link, ct),
        _ => book.SubmitAsync(User, id, Step ?? -1, DrillSubmissionKind.Text, Text, null, ct),
    }, "#submissions", ct);

    private async Task<IActionResult> RunAsync(long id, Func<Task<DrillResult>> change, string anchor, CancellationToken ct)
    {
        var result = await change();
        if (result.Outcome == DrillOutcome.NotFound) return NotFound();
        if (result.Ok) return Redirect($"/drill-sessions/{id}{anchor}");
        if (!await LoadAsync(id, ct)) return NotFound();
        ErrorField = result.Field;
        Error = t[result.Message ?? "", (result.Args ?? []).Cast<object>().ToArray()];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await book.FindAsync(User, id, ct) is not { } view) return false;
        View = view;
        Now = book.Now;
        MaxBytes = files.MaxBytes;
        Submissions = await book.SubmissionsAsync(view, ct);
        var ids = view.Participants.Select(p => p.UserId).Concat(Submissions.Select(s => s.Submission.UserId));
        if (view.Session.FacilitatorUserId is { } f) ids = ids.Append(f);
        People = await users.ByIdsAsync(ids.Distinct().ToList(), ct);
        TeamName = (await teams.AllTeamsAsync(ct)).FirstOrDefault(x => x.Id == view.Session.TeamId)?.Name ?? "";
        Zone = (await teams.TimeZonesAsync([view.Session.TeamId], ct)).GetValueOrDefault(view.Session.TeamId);
        if (view.Viewer.Runs && view.Session.Status is DrillSessionStatus.Scheduled or DrillSessionStatus.Running)
        {
            Members = await book.CandidatesAsync(view.Session.TeamId, withTrainers: false, ct);
            CustomerCandidates = await book.CandidatesAsync(view.Session.TeamId, withTrainers: true, ct);
        }
        return true;
    }

    public string NameOf(string? userId) => userId is not null && People.GetValueOrDefault(userId) is { } u ? u.DisplayName : "";

    /// <summary>The role a person plays, for the assign form (what was posted when the form was refused).</summary>
    public string? Chosen(string role) =>
        Request.HasFormContentType && Request.Form.ContainsKey($"Roles[{role}]") ? Roles.GetValueOrDefault(role)
            : View.Participants.FirstOrDefault(p => p.RoleKey == role)?.UserId;
}
