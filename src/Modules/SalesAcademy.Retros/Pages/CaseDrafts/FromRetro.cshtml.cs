using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Retros.DealReviews;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Pages.CaseDrafts;

/// <summary>
/// "Turn this deal review into a case contribution" (/retros/{id}/case-draft): what the closed deal review puts into the draft,
/// the case facts a retro cannot know (industry, deal size) to choose, and the button that creates the draft and opens it on
/// the contribution form. Only for those who see the team's retros; anyone else, and any other retro, is a 404.
/// </summary>
[Authorize]
public sealed class FromRetroModel(DealReviewCaseDrafts drafts, ICaseDrafts caseDrafts) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Company { get; set; }
    [BindProperty] public string? Industry { get; set; }
    [BindProperty] public string? DealSize { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public Retro Retro { get; private set; } = null!;
    public CaseDraft Draft { get; private set; } = null!;
    public CaseDraftChoices Choices { get; private set; } = CaseDraftChoices.None;
    /// <summary>The roles to offer: every known team role, then any other the retro named.</summary>
    public IReadOnlyList<string> RoleOptions { get; private set; } = [];
    public IReadOnlyList<CaseDraftError> Errors { get; private set; } = [];
    /// <summary>The draft this person already started from this review (its contribution form), or null.</summary>
    public string? Started { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Company = Draft.Company;
        Outcome = Draft.Outcome;
        Roles = [.. Draft.Roles];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var result = await caseDrafts.CreateAsync(User, Draft with
        {
            Company = Company, Industry = Industry, DealSize = DealSize, Outcome = Outcome, Roles = Roles,
        }, HttpContext.RequestAborted);
        if (result.Url is { } url) return LocalRedirect(url);
        Errors = result.Errors; // the form keeps what was chosen
        return Page();
    }

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal))?.Message;

    private async Task<bool> LoadAsync()
    {
        if (await drafts.FindAsync(User, Id, HttpContext.RequestAborted) is not { } retro) return false;
        Retro = retro;
        Draft = await drafts.DraftAsync(retro, HttpContext.RequestAborted);
        Choices = await caseDrafts.ChoicesAsync(HttpContext.RequestAborted);
        Started = await caseDrafts.ExistingAsync(User, DealReviewCaseDrafts.SourceKey(retro), HttpContext.RequestAborted);
        RoleOptions = [.. Core.Domain.TeamRoles.Known.Where(r => r != Core.Domain.TeamRoles.Lead), .. Draft.Roles.Where(r => !Core.Domain.TeamRoles.Known.Contains(r))];
        return true;
    }
}
