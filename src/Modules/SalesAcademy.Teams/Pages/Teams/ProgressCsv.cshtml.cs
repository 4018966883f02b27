using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Learning;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Pages.Teams;

/// <summary>The team page's progress grid as CSV, in the reader's language; for the same readers as the grid (anyone else: 404).</summary>
[Authorize]
public sealed class ProgressCsvModel(TeamProgress progress, TeamRoster roster, IStringLocalizer<ProgressCsvModel> T) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await progress.MaySeeAsync(User, id)) return NotFound();
        var grid = await progress.GridAsync(id, ct);
        var roles = await roster.RolesAsync(ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"team-progress-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        // The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteAsync(TeamProgress.CsvLine(new[] { T["Name"].Value, T["E-mail"].Value, T["Team role"].Value }
            .Concat(grid.Quizzes.Select(q => q.Title))
            .Concat([T["Cards due"], T["Reviews in the last 30 days"], T["Contributions submitted"], T["Contributions published"]])));
        foreach (var row in grid.Rows)
        {
            await writer.WriteAsync(TeamProgress.CsvLine(new[] { row.Member.DisplayName, row.Member.Email, roles.Label(row.Member.TeamRole) }
                .Concat(grid.Quizzes.Select(q => Cell(row.Cells.GetValueOrDefault(q.QuizItemId))))
                .Concat(new[] { row.Deck.CardsDue, row.Deck.ReviewsSince, row.Contributions.Submitted, row.Contributions.Published }
                    .Select(n => n.ToString(CultureInfo.InvariantCulture)))));
        }
        return new EmptyResult();
    }

    /// <summary>As the grid shows it: not started, in progress, or the best score with the number of attempts.</summary>
    private string Cell(QuizCell? cell) => cell switch
    {
        null => T["not started"],
        { BestPercent: { } best } => T["{0}%", best.ToString("0.#", CultureInfo.InvariantCulture)] + " " + (cell.Attempts == 1 ? T["1 attempt"] : T["{0} attempts", cell.Attempts])
            + (cell.InProgress ? " · " + T["in progress"] : ""),
        { InProgress: true } => T["in progress"],
        _ => (cell.Attempts == 1 ? T["1 attempt, not graded yet"] : T["{0} attempts, not graded yet", cell.Attempts]),
    };
}
