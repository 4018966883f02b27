using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Services;
using SalesAcademy.Retros.Templates;

namespace SalesAcademy.Retros.Pages.Retros;

/// <summary>The retros of one's teams, newest first, and (for leads, trainers, administrators) the form that starts one.</summary>
[Authorize]
public sealed class IndexModel(RetroBoard board, RetroAccess access, PublishedContent published, IStringLocalizer<IndexModel> t) : PageModel
{
    public IReadOnlyList<Retro> Retros { get; private set; } = [];
    public IReadOnlyList<TeamName> Teams { get; private set; } = [];
    public IReadOnlyList<TeamName> Startable { get; private set; } = [];
    public IReadOnlyList<Content.Models.ContentItem> Templates { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    [BindProperty] public string? Team { get; set; }
    [BindProperty] public string? Template { get; set; }
    [BindProperty] public string Mode { get; set; } = "anonymous";
    [BindProperty] public int VoteBudget { get; set; } = 3;
    [BindProperty] public int MaxVotesPerGroup { get; set; } = 2;
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? DealName { get; set; }
    [BindProperty] public string? DealOutcome { get; set; }
    [BindProperty] public string? DealRoles { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await board.StartAsync(User, new RetroStart(Team ?? "", Template ?? "", Mode != "named", VoteBudget, MaxVotesPerGroup, Title,
            DealName, DealOutcome, DealRoles), ct);
        if (result.Ok) return Redirect($"/retros/{result.Id}");
        await LoadAsync(ct);
        ErrorField = result.Field;
        Error = t[result.Message ?? "", (result.Args ?? []).Cast<object>().ToArray()];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Teams = await access.VisibleTeamsAsync(User, ct);
        Retros = await board.ListAsync(Teams.Select(t => t.Id).ToList(), ct);
        Startable = await access.StartableTeamsAsync(User, ct);
        if (Startable.Count > 0)
            Templates = (await published.ListAsync(RetrosModule.TemplateType)).OrderBy(i => i.As<RetroTemplatePart>().DealReview).ThenBy(i => i.DisplayText, StringComparer.CurrentCulture).ToList();
    }

    public string TeamName(string id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? "";
}
