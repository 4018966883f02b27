using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Localization;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.DealReviews;

/// <summary>
/// Turns a closed deal review (a retro started from a template with <c>dealReview: true</c>, which is what gives it a
/// <see cref="Retro.DealName"/>) into a case contribution draft: the deal as the company, its outcome and roles, the
/// discussed groups and the actions as lessons, the groups' notes and the actions as the story. Never who wrote a card
/// (nor the cards themselves: their wording can tell who wrote them), nor who owns an action.
/// </summary>
public sealed class DealReviewCaseDrafts(RetrosDbContext db, RetroAccess access, IStringLocalizer<DealReviewCaseDrafts> t)
{
    /// <summary>The closed deal review, for someone who may see its team's retros (members, leads, trainers, administrators); else null.</summary>
    public async Task<Retro?> FindAsync(ClaimsPrincipal user, long retroId, CancellationToken ct = default)
    {
        var retro = await db.Retros.AsNoTracking().SingleOrDefaultAsync(r => r.Id == retroId, ct);
        if (retro is null || !IsClosedDealReview(retro)) return null;
        return await access.ViewerAsync(user, retro) is null ? null : retro;
    }

    public static bool IsClosedDealReview(Retro retro) => retro.Phase == RetroPhase.Closed && retro.DealName is not null;

    /// <summary>The draft the retro suggests, in the reader's language; what it cannot know (industry, deal size) stays empty.</summary>
    public async Task<CaseDraft> DraftAsync(Retro retro, CancellationToken ct = default)
    {
        var groups = await db.Groups.AsNoTracking().Where(g => g.RetroId == retro.Id).OrderBy(g => g.Id).ToListAsync(ct);
        var votes = await db.Votes.AsNoTracking().Where(v => v.RetroId == retro.Id).GroupBy(v => v.GroupId)
            .Select(g => new { GroupId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.GroupId, g => g.Count, ct);
        var actions = await db.Actions.AsNoTracking().Where(a => a.RetroId == retro.Id).OrderBy(a => a.Id).ToListAsync(ct);

        // Discussed: the groups that got votes or notes, in vote order (as the discussion went); with neither, every group.
        var discussed = groups.Where(g => votes.GetValueOrDefault(g.Id) > 0 || !string.IsNullOrWhiteSpace(g.Notes))
            .OrderByDescending(g => votes.GetValueOrDefault(g.Id)).ThenBy(g => g.Id).ToList();
        if (discussed.Count == 0) discussed = groups;

        var story = new StringBuilder();
        if (discussed.Count > 0)
        {
            story.Append("## ").AppendLine(t["What we discussed"].Value).AppendLine();
            foreach (var group in discussed)
            {
                story.Append("### ").AppendLine(Escape(group.Name)).AppendLine();
                if (!string.IsNullOrWhiteSpace(group.Notes))
                    foreach (var line in Lines(group.Notes)) story.AppendLine(Escape(line)).AppendLine();
            }
        }
        if (actions.Count > 0)
        {
            story.Append("## ").AppendLine(t["What we will do"].Value).AppendLine();
            foreach (var action in actions)
                story.Append("- ").Append(Escape(action.Text)).Append(" (").Append(t["due {0}", action.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value).AppendLine(")");
        }

        return new CaseDraft(retro.Title, PortalCultures.CurrentIsChinese ? PortalCultures.Chinese : PortalCultures.English, retro.DealOutcome, RolesOf(retro),
            [.. discussed.Select(g => g.Name.Trim()), .. actions.Select(a => a.Text.Trim())], story.ToString())
        {
            Company = retro.DealName,
            SourceKey = SourceKey(retro),
        };
    }

    /// <summary>What a case draft from this retro is keyed on: one draft per deal review and contributor.</summary>
    public static string SourceKey(Retro retro) => $"retro-{retro.Id}";

    /// <summary>The deal's roles (comma-separated keys on the retro).</summary>
    public static IReadOnlyList<string> RolesOf(Retro retro) =>
        (retro.DealRoles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>Keeps what people wrote as text in the Markdown story (it is sanitised when shown in any case).</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.Replace('\n', ' ').Replace('\r', ' '))
        {
            if ("\\`*_[]<>#|~".Contains(c)) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
