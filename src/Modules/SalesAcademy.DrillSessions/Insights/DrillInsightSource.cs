using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Insights;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Insights;

/// <summary>
/// The DrillSessions module's measures for the insights run, from sessions of the teams finalised in the period, with the
/// results maths the results page uses (<see cref="DrillScoring"/>): each player's mean per rubric criterion and weighted
/// role score, and who of the team took part.
/// </summary>
internal sealed class DrillInsightSource(DrillSessionsDbContext db) : IInsightSource
{
    public string Name => "drill-sessions";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var teamIds = query.Teams.Select(t => t.TeamId).ToList();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => teamIds.Contains(s.TeamId) && s.FinalizedUtc >= query.FromUtc && s.FinalizedUtc < query.ToUtc).ToListAsync(ct);
        if (sessions.Count == 0) return [];
        var ids = sessions.Select(s => s.Id).ToList();
        var participants = (await db.Participants.AsNoTracking().Where(p => ids.Contains(p.SessionId)).ToListAsync(ct)).ToLookup(p => p.SessionId);
        var ratings = (await db.Ratings.AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToListAsync(ct)).ToLookup(r => r.SessionId);
        var members = query.Teams.ToDictionary(t => t.TeamId, t => t.Members);
        var records = new List<InsightRecord>();
        foreach (var session in sessions)
        {
            var drill = DrillSessionBook.DrillOf(session);
            var played = participants[session.Id].ToList();
            var roles = drill.Roles.Select(r => r.Role).Where(r => played.Any(p => p.RoleKey == r)).Distinct().ToList();
            var rubric = drill.Rubric.Select(c => new RubricWeight(c.Criterion, c.Weight)).ToList();
            var results = DrillScoring.Compute(roles, rubric,
                ratings[session.Id].Select(r => new RatingScore(r.RaterUserId, "", r.RaterKind, r.RateeRoleKey, r.CriterionIndex, r.Score, null)));
            foreach (var player in played.Where(p => p.RoleKey != DrillParticipant.CustomerRole))
            {
                if (results.Roles.FirstOrDefault(r => r.RoleKey == player.RoleKey) is not { Score: { } score } role) continue;
                var raters = role.Criteria.SelectMany(c => c.Ratings).Select(r => r.RaterUserId).Distinct().Count();
                records.Add(new(session.TeamId, InsightMeasureKeys.DrillScore, "", player.UserId, score, 1, raters));
                records.Add(new(session.TeamId, InsightMeasureKeys.DrillRole, player.RoleKey, player.UserId, score, 1, raters));
                foreach (var criterion in role.Criteria.Where(c => c.Mean is not null))
                    records.Add(new(session.TeamId, InsightMeasureKeys.DrillCriterion, criterion.Criterion, player.UserId, criterion.Mean!.Value, 1,
                        criterion.Ratings.Count));
            }
            // Joined: played a role (the customer included) in one of the team's sessions.
            if (!members.TryGetValue(session.TeamId, out var team)) continue;
            foreach (var member in team)
            {
                var joined = played.Any(p => p.UserId == member.UserId) ? 1 : 0;
                records.Add(new(session.TeamId, InsightMeasureKeys.ParticipationDrill, "", member.UserId, joined, 1, 1));
            }
        }
        return records;
    }
}
