using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Insights;

/// <summary>A member of a team the insights run asks about: the user id (most modules key on it) and the user name
/// (Comments and Content keep the author's user name).</summary>
public sealed record InsightMember(string UserId, string UserName);

/// <summary>A team and its members at the time of the run.</summary>
public sealed record InsightTeam(string TeamId, IReadOnlyList<InsightMember> Members);

/// <summary>What the run asks every source: the period [<paramref name="FromUtc"/>, <paramref name="ToUtc"/>) and the teams.</summary>
public sealed record InsightQuery(DateTime FromUtc, DateTime ToUtc, IReadOnlyList<InsightTeam> Teams);

/// <summary>
/// One raw measure a module reports: <paramref name="Numerator"/> / <paramref name="Denominator"/> for one team, either for
/// one member (<paramref name="UserId"/>) or for the team as a whole (<paramref name="UserId"/> null: what the module can only
/// tell per team, e.g. anonymous pulse answers). The run's rule: a rep's value is numerator / denominator; a team's value is
/// its team-level record when the source gives one, else the sum of its members' numerators over the sum of their
/// denominators. A count (comments written) has denominator 1; a participation record has denominator 1 for each member who
/// had something to take part in and numerator 1 if they did.
/// </summary>
/// <param name="Measure">A key of <see cref="InsightMeasureKeys"/>.</param>
/// <param name="Dimension">What it is broken down by (a tag, a criterion, a role, a pulse dimension); "" when none.</param>
/// <param name="Inputs">How many respondents, attempts or cards stand behind it (the thin-data rules count these).</param>
public sealed record InsightRecord(string TeamId, string Measure, string Dimension, string? UserId, double Numerator, double Denominator, int Inputs);

/// <summary>
/// A module's report of its own measures for a period and a set of teams, read from its own tables only. Each module that has
/// something to say registers one with <see cref="InsightSourceRegistration.AddInsightSource{T}"/>; the Insights module asks
/// them all (without it nobody asks, which is harmless).
/// </summary>
public interface IInsightSource
{
    /// <summary>A short name for logs and errors ("quizzes").</summary>
    string Name { get; }

    Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct);
}

/// <summary>The raw measure keys the sources report (the run derives the rest; docs/insights.md says what each means).</summary>
public static class InsightMeasureKeys
{
    /// <summary>Quizzes: points earned / points available in attempts finished in the period, by question tag ("" = all). Inputs: attempts.</summary>
    public const string Mastery = "mastery";
    /// <summary>Quizzes: Σ FSRS retrievability at the period's end / review cards, by question tag ("" = all). Inputs: cards.</summary>
    public const string Retention = "retention";
    /// <summary>Quizzes: 1 / 1 per member assigned a quiz round due in the period who finished it (0 / 1 if not).</summary>
    public const string ParticipationQuiz = "participation.quiz";
    /// <summary>DrillSessions: Σ raters' mean scores (1..5) / count, by rubric criterion, for the roles a member played in sessions finalised in the period.</summary>
    public const string DrillCriterion = "drill.criterion";
    /// <summary>DrillSessions: Σ weighted role scores (1..5) / count, by role.</summary>
    public const string DrillRole = "drill.role";
    /// <summary>DrillSessions: Σ weighted role scores / count over every role played ("" dimension).</summary>
    public const string DrillScore = "drill";
    /// <summary>DrillSessions: per member of a team with a session finalised in the period: played in one (1) or not (0).</summary>
    public const string ParticipationDrill = "participation.drill";
    /// <summary>Retros: actions due in the period: dimension "done" (done by the due date), "carried" (carried over), "overdue" (still open past it); denominator = actions due.</summary>
    public const string FollowThrough = "followthrough";
    /// <summary>Retros: people who wrote cards / members, per retro whose reflect step ended in the period (team-level: cards are anonymous).</summary>
    public const string ParticipationRetro = "participation.retro";
    /// <summary>Retros: per member, per retro closed in the period: voted (1) or not (0).</summary>
    public const string ParticipationVote = "participation.vote";
    /// <summary>Retros: cards written (team-level; per member only on named retros).</summary>
    public const string Cards = "cards";
    /// <summary>Pulses: Σ answers / answer count (1..5), by dimension, over pulses closed in the period. Inputs: the fewest respondents of those pulses.</summary>
    public const string Pulse = "pulse";
    /// <summary>Pulses: respondents / members, per pulse closed in the period (team-level: answers are anonymous).</summary>
    public const string ParticipationPulse = "participation.pulse";
    /// <summary>Comments: comments written in the period.</summary>
    public const string Comments = "comments";
    /// <summary>Content: contributions, dimension "contributed" (submitted in the period) and "published" (published in the period).</summary>
    public const string SharingCases = "sharing.cases";
    /// <summary>Content views in the period (pages of published cases, playbooks, drills opened by the member).</summary>
    public const string SharingViews = "sharing.views";
}

/// <summary>
/// Records that a signed-in user opened a published item's page, cheaply: implementations count in memory and write now and
/// then, never a database write per page view. Without the Insights module nothing is counted.
/// </summary>
public interface IContentViews
{
    void Viewed(string contentItemId, string? userId);
}

internal sealed class NoContentViews : IContentViews
{
    public void Viewed(string contentItemId, string? userId)
    {
    }
}

public static class InsightSourceRegistration
{
    /// <summary>Registers a module's insight source (scoped: it may take the module's DbContext).</summary>
    public static IServiceCollection AddInsightSource<T>(this IServiceCollection services) where T : class, IInsightSource =>
        services.AddScoped<IInsightSource, T>();
}

/// <summary>Lookups every source needs: which of the query's teams a user is in.</summary>
public static class InsightMembers
{
    /// <summary>User id → the query's teams they are in.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TeamsByUserId(InsightQuery query) =>
        query.Teams.SelectMany(t => t.Members.Select(m => (m.UserId, t.TeamId))).GroupBy(p => p.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.TeamId).Distinct().ToList(), StringComparer.Ordinal);

    /// <summary>User name → (user id, the query's teams they are in); user names compare case-insensitively.</summary>
    public static IReadOnlyDictionary<string, (string UserId, IReadOnlyList<string> Teams)> TeamsByUserName(InsightQuery query) =>
        query.Teams.SelectMany(t => t.Members.Where(m => m.UserName.Length > 0).Select(m => (m.UserName, m.UserId, t.TeamId)))
            .GroupBy(p => p.UserName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (g.First().UserId, (IReadOnlyList<string>)g.Select(p => p.TeamId).Distinct().ToList()),
                StringComparer.OrdinalIgnoreCase);
}
