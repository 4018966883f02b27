using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Teams.Models;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Pages.Admin;

[Authorize(Policy = "perm:" + TeamsPermissions.Manage)]
public sealed class TeamsModel(TeamRoster roster) : PageModel
{
    public IReadOnlyList<Team> Teams { get; private set; } = [];
    public IReadOnlyDictionary<string, List<TeamMemberView>> Members { get; private set; } = new Dictionary<string, List<TeamMemberView>>();
    public TeamRoleLabels Roles { get; private set; } = new([]);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? description) =>
        await DoneAsync((await roster.CreateAsync(name, description)).Error, "The team was created.");

    public async Task<IActionResult> OnPostRenameAsync(string id, string? name, string? description) =>
        await DoneAsync(await roster.RenameAsync(id, name, description), "The team was saved.");

    public async Task<IActionResult> OnPostDeleteAsync(string id) =>
        await DoneAsync(await roster.DeleteAsync(id), "The team was deleted.");

    public async Task<IActionResult> OnPostAddMemberAsync(string id, string? email, string? role) =>
        await DoneAsync(await roster.AddMemberAsync(id, email, role), "The member was added.");

    public async Task<IActionResult> OnPostRoleAsync(string id, string userId, string? role) =>
        await DoneAsync(await roster.ChangeRoleAsync(id, userId, role), "The team role was changed.");

    public async Task<IActionResult> OnPostRemoveAsync(string id, string userId) =>
        await DoneAsync(await roster.RemoveMemberAsync(id, userId), "The member was removed.");

    public async Task<IActionResult> OnPostAddRoleAsync(string? key, string? nameZh, string? nameEn) =>
        await DoneAsync(await roster.AddRoleAsync(key, nameZh, nameEn), "The team role was added.");

    private async Task<IActionResult> DoneAsync(string? error, string message)
    {
        if (error is null) Message = message;
        else Error = error;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Teams = await roster.AllTeamsAsync();
        Members = await roster.MembersAsync(Teams.Select(t => t.Id).ToList());
        Roles = await roster.RolesAsync();
    }
}
