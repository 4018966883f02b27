using SalesAcademy.Content.Services;
using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Quizzes.Rounds;

/// <summary>
/// The quiz-round cycle kind (settings <c>{"quiz":"&lt;quiz id or slug&gt;"}</c>): opening assigns the quiz to every member
/// of the target teams and tells them; each reminder goes to those who have not finished; closing submits the attempts
/// in progress, marks the missing, and sends results and the leads' summaries. Work is keyed on the run
/// (one assignment per run and member; notices keyed <c>cycle-run:{run}:open</c>, <c>…:remind:{minutes}</c>, <c>…:result</c>).
/// </summary>
public sealed class QuizRoundKind(QuizRounds rounds, PublishedContent published) : ICycleKind
{
    public const string KindKey = "quiz-round";
    public const string QuizSetting = "quiz";
    public const string OpenNotice = "quiz-round.open";
    public const string ReminderNotice = "quiz-round.reminder";
    public const string ResultNotice = "quiz-round.result";
    public const string SummaryNotice = "quiz-round.summary";

    public string Key => KindKey;
    public string Name => "Quiz round";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        var setting = CycleSettings.Read(run.Settings).GetValueOrDefault(QuizSetting);
        var quiz = await rounds.QuizAsync(setting);
        switch (run.Phase)
        {
            case CyclePhase.Open:
                // Nothing is assigned when the quiz is gone: the run fails with this error and can be retried once it is published again.
                if (quiz is null) throw new InvalidOperationException($"The quiz '{setting}' of this round is not published.");
                return new CyclePhaseResult(Targeted: await rounds.OpenAsync(run, quiz, ct), Completed: 0);
            case CyclePhase.Remind:
                if (quiz is null) return new CyclePhaseResult();
                var (members, finished) = await rounds.RemindAsync(run, quiz, ct);
                return new CyclePhaseResult(members, finished);
            default:
                // Closing still grades and marks what was assigned, even if the quiz was unpublished meanwhile.
                var (assigned, completed) = await rounds.CloseAsync(run, quiz, ct);
                return new CyclePhaseResult(assigned, completed);
        }
    }

    public async Task<IReadOnlyList<CycleSettingField>> SettingsFieldsAsync(CancellationToken ct)
    {
        var quizzes = (await published.ListAsync(QuizzesModule.QuizType)).OrderBy(q => q.DisplayText, StringComparer.CurrentCulture)
            .Select(q => new CycleSettingChoice(q.ContentItemId, q.DisplayText)).ToList();
        return [new CycleSettingField(QuizSetting, "Quiz", quizzes, Required: true, Hint: "The published quiz each member of the teams is asked to take.")];
    }

    public async Task<IReadOnlyList<CycleSettingError>> ValidateSettingsAsync(string settings, CancellationToken ct)
    {
        var value = CycleSettings.Read(settings).GetValueOrDefault(QuizSetting);
        if (string.IsNullOrWhiteSpace(value)) return [new(QuizSetting, "Quiz: choose the quiz this round assigns.")];
        if (await rounds.QuizAsync(value) is null) return [new(QuizSetting, "Quiz: there is no published quiz with this id or slug.")];
        return [];
    }
}
