using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Insights.Models;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Pages.Shared.Components.TeamGoals;

/// <summary>On a team's page (Core's TeamPanel): the team's goals in a line each, with a link to the goals page; for whoever may
/// see the team's goals. Nothing for anyone else, nor when there are no goals and the reader may not record one.</summary>
public sealed class TeamGoalsViewComponent(Services.TeamGoals goals) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string teamId)
    {
        if (!await goals.MaySeeAsync(UserClaimsPrincipal, teamId)) return Content("");
        var list = await goals.ListAsync(teamId, HttpContext.RequestAborted);
        var mayManage = await goals.MayManageAsync(UserClaimsPrincipal, teamId);
        if (list.Count == 0 && !mayManage) return Content("");
        return View(new TeamGoalsPanel(teamId, list, mayManage));
    }
}

public sealed record TeamGoalsPanel(string TeamId, IReadOnlyList<TeamGoal> Goals, bool MayManage);
