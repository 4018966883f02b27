using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Insights;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Insights;

/// <summary>
/// The Retros module's measures for the insights run, from its own tables. Follow-through of the actions due in the period:
/// "done" = done when first reviewed (a later retro's review step is where a team records it; an action carried over first is
/// not done on time), "carried" = carried over at least once, "overdue" = still open. Participation of retros closed in the
/// period: writers (a count only: cards are anonymous) and voters. Cards written: per team, and per member on named retros.
/// </summary>
internal sealed class RetroInsightSource(RetrosDbContext db) : IInsightSource
{
    public const string Done = "done", Carried = "carried", Overdue = "overdue";

    public string Name => "retros";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var teamIds = query.Teams.Select(t => t.TeamId).ToList();
        var members = query.Teams.ToDictionary(t => t.TeamId, t => t.Members);
        var records = new List<InsightRecord>();
        var (fromDay, toDay) = (DateOnly.FromDateTime(query.FromUtc), DateOnly.FromDateTime(query.ToUtc));

        var actions = await db.Actions.AsNoTracking()
            .Where(a => teamIds.Contains(a.TeamId) && a.DueUtc >= fromDay && a.DueUtc < toDay)
            .Select(a => new { a.Id, a.TeamId, a.OwnerUserId, a.Status }).ToListAsync(ct);
        var actionIds = actions.Select(a => a.Id).ToList();
        var carriedIds = (await db.ActionReviews.AsNoTracking()
            .Where(r => actionIds.Contains(r.ActionId) && r.Outcome == RetroActionStatus.CarriedOver)
            .Select(r => r.ActionId).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var team in actions.GroupBy(a => a.TeamId))
        {
            var memberIds = members[team.Key].Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
            foreach (var group in team.GroupBy(a => (string?)a.OwnerUserId).Append(team.GroupBy(_ => (string?)null).Single()))
            {
                // The owner's own figures (members only), and the team's over every action (owners who left included).
                if (group.Key is { } owner && !memberIds.Contains(owner)) continue;
                var due = group.Count();
                var carried = group.Count(a => a.Status == RetroActionStatus.CarriedOver || carriedIds.Contains(a.Id));
                var done = group.Count(a => a.Status == RetroActionStatus.Done && !carriedIds.Contains(a.Id));
                var open = group.Count(a => a.Status is RetroActionStatus.Open or RetroActionStatus.CarriedOver);
                records.Add(new(team.Key, InsightMeasureKeys.FollowThrough, Done, group.Key, done, due, due));
                records.Add(new(team.Key, InsightMeasureKeys.FollowThrough, Carried, group.Key, carried, due, due));
                records.Add(new(team.Key, InsightMeasureKeys.FollowThrough, Overdue, group.Key, open, due, due));
            }
        }

        var retros = await db.Retros.AsNoTracking()
            .Where(r => teamIds.Contains(r.TeamId) && r.ClosedUtc >= query.FromUtc && r.ClosedUtc < query.ToUtc)
            .Select(r => new { r.Id, r.TeamId, r.Writers }).ToListAsync(ct);
        if (retros.Count == 0) return records;
        var retroIds = retros.Select(r => r.Id).ToList();
        var cards = await db.Cards.AsNoTracking().Where(c => retroIds.Contains(c.RetroId))
            .GroupBy(c => new { c.RetroId, c.AuthorUserId }).Select(g => new { g.Key.RetroId, g.Key.AuthorUserId, Count = g.Count() }).ToListAsync(ct);
        var voters = (await db.Votes.AsNoTracking().Where(v => retroIds.Contains(v.RetroId))
            .Select(v => new { v.RetroId, v.UserId }).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var retro in retros)
        {
            var team = members[retro.TeamId];
            records.Add(new(retro.TeamId, InsightMeasureKeys.ParticipationRetro, "", null, retro.Writers, team.Count, retro.Writers));
            var written = cards.Where(c => c.RetroId == retro.Id).ToList();
            records.Add(new(retro.TeamId, InsightMeasureKeys.Cards, "", null, written.Sum(c => c.Count), 1, written.Sum(c => c.Count)));
            foreach (var named in written.Where(c => c.AuthorUserId is not null && team.Any(m => m.UserId == c.AuthorUserId)))
                records.Add(new(retro.TeamId, InsightMeasureKeys.Cards, "", named.AuthorUserId, named.Count, 1, named.Count));
            foreach (var member in team)
                records.Add(new(retro.TeamId, InsightMeasureKeys.ParticipationVote, "", member.UserId,
                    voters.Contains(new { RetroId = retro.Id, member.UserId }) ? 1 : 0, 1, 1));
        }
        return records;
    }
}
