using System.Security.Claims;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// One slot of an attempt as pages and the API show it: the pinned question, its options in the order shown with this
/// attempt's ids, and the answer (authoring indexes, for the server's own use; <see cref="Answer"/> is what the taker sees).
/// </summary>
public sealed record SlotView(AttemptQuestion Slot, ContentItem Question, QuestionPart Part, SlotOptions Options, QuestionResponse? Response)
{
    public string Stem => Question.As<MarkdownBodyPart>().Markdown;

    /// <summary>The options as shown: this attempt's id, the authoring index (never sent) and the text.</summary>
    public IEnumerable<(string Id, int Index, string Text)> Shown =>
        Options.Ids.Select((id, k) => (id, Options.Order[k], Part.Kind == QuestionKinds.Ordering ? Part.Items[Options.Order[k]] : Part.Choices[Options.Order[k]].Text));

    /// <summary>The saved answer in this attempt's ids.</summary>
    public AttemptAnswer? Answer => AttemptOptions.ToAnswer(Options, Response);
}

/// <summary>An attempt with its pinned quiz version and slots, and whether its answers may be shown yet.</summary>
public sealed record AttemptView(QuizAttempt Attempt, ContentItem Quiz, QuizPart QuizPart, IReadOnlyList<SlotView> Slots, bool ShowAnswers)
{
    public double Percent => QuizAttempts.Percent(Attempt);
}

/// <summary>Builds attempt views (from the pinned versions, in memory) and decides who may see an attempt.</summary>
public sealed class AttemptViews(PinnedVersions versions, ITeamDirectory teams, ContentAccess access, TimeProvider clock, QuizAttempts attempts)
{
    public async Task<AttemptView> BuildAsync(QuizAttempt attempt, CancellationToken ct = default)
    {
        var pinned = await versions.GetAsync(attempt.Questions.Select(q => q.QuestionVersionId).Append(attempt.QuizVersionId), ct);
        var quiz = pinned[attempt.QuizVersionId];
        var quizPart = quiz.As<QuizPart>();
        var slots = new List<SlotView>(attempt.Questions.Count);
        foreach (var row in attempt.Questions.OrderBy(q => q.Slot))
        {
            var question = pinned[row.QuestionVersionId];
            var part = question.As<QuestionPart>();
            var count = part.Kind switch
            {
                QuestionKinds.Ordering => part.Items.Count,
                QuestionKinds.Single or QuestionKinds.Multiple => part.Choices.Count,
                _ => 0,
            };
            // Attempts started before per-attempt ids get theirs now.
            var q = await attempts.EnsureOptionIdsAsync(row, count, ct);
            slots.Add(new SlotView(q, question, part, AttemptOptions.Of(q), QuizAttempts.ReadResponse(q.Response)));
        }
        var finished = attempt.State is AttemptState.Submitted or AttemptState.Overdue;
        var show = finished && QuizAttempts.FeedbackDueUtc(quizPart) is var due && (due is null || clock.GetUtcNow().UtcDateTime >= due);
        return new AttemptView(attempt, quiz, quizPart, slots, show);
    }

    public Task<bool> HasAsync(ClaimsPrincipal user, string permission) => access.HasAsync(user, permission);

    /// <summary>
    /// Whose results the user may see: null = everyone's (quizzes.manage); otherwise the members of the teams the user
    /// leads (with quizzes.results.team), and always the user.
    /// </summary>
    public async Task<IReadOnlySet<string>?> VisibleTakersAsync(ClaimsPrincipal user)
    {
        if (await HasAsync(user, QuizPermissions.Manage)) return null;
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var visible = new HashSet<string>(StringComparer.Ordinal) { me };
        if (me.Length > 0 && await HasAsync(user, QuizPermissions.TeamResults))
        {
            var led = (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == Core.Domain.TeamRoles.Lead).Select(t => t.TeamId).ToList();
            visible.UnionWith(await teams.MemberIdsAsync(led));
        }
        return visible;
    }

    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, QuizAttempt attempt) =>
        await VisibleTakersAsync(user) is not { } visible || visible.Contains(attempt.UserId);
}
