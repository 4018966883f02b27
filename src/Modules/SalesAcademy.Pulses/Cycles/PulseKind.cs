using SalesAcademy.Content.Services;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Pulses.Services;

namespace SalesAcademy.Pulses.Cycles;

/// <summary>
/// The pulse cycle kind (settings <c>{"pack":"&lt;pack id or slug&gt;"}</c>, teams: the cycle's target teams): opening
/// opens one pulse per team on the pack's published version and tells the members; a reminder tells those who have not
/// answered yet; closing destroys what could link an answer to a person. Keyed on the run (one pulse per run and team;
/// notices <c>cycle-run:{run}:pulse:{team}</c>, reminders <c>…:remind:{minutes before close}</c>).
/// </summary>
public sealed class PulseKind(PulseBook book, PublishedContent published) : ICycleKind
{
    public const string KindKey = "pulse";
    public const string PackSetting = "pack";

    public string Key => KindKey;
    public string Name => "Team-health pulse";

    /// <summary>Every other Monday is not expressible in cron; the 1st and 15th of each month at 09:00 comes close.</summary>
    public string? DefaultCron => "0 9 1,15 * *";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        var setting = CycleSettings.Read(run.Settings).GetValueOrDefault(PackSetting);
        switch (run.Phase)
        {
            case CyclePhase.Open:
                if (await book.PackAsync(setting) is not { } pack)
                    throw new InvalidOperationException($"The pulse pack '{setting}' of this cycle is not published.");
                return new CyclePhaseResult(Targeted: await book.OpenAsync(run, pack, ct), Completed: 0);
            case CyclePhase.Remind:
                await book.RemindAsync(run, ct); // the run's counts stay those of the opening
                return new CyclePhaseResult();
            default:
                var (_, respondents) = await book.CloseRunAsync(run.RunId, ct);
                return new CyclePhaseResult(Completed: respondents);
        }
    }

    public async Task<IReadOnlyList<CycleSettingField>> SettingsFieldsAsync(CancellationToken ct)
    {
        var packs = (await published.ListAsync(PulsesModule.PackType)).OrderBy(p => p.DisplayText, StringComparer.CurrentCulture)
            .Select(p => new CycleSettingChoice(p.ContentItemId, p.DisplayText)).ToList();
        return [new CycleSettingField(PackSetting, "Pulse pack", packs, Required: true,
            Hint: "The statements each member of the teams answers, anonymously, 1 to 5.")];
    }

    public async Task<IReadOnlyList<CycleSettingError>> ValidateSettingsAsync(string settings, CancellationToken ct)
    {
        var value = CycleSettings.Read(settings).GetValueOrDefault(PackSetting);
        if (string.IsNullOrWhiteSpace(value)) return [new(PackSetting, "Pulse pack: choose the pack this pulse asks.")];
        if (await book.PackAsync(value) is null) return [new(PackSetting, "Pulse pack: there is no published pulse pack with this id or slug.")];
        return [];
    }
}
