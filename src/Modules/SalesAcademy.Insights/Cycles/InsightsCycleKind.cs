using System.Globalization;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Cycles;

/// <summary>
/// The insights cycle kind (weekly by default; "run now" on /admin/scheduler like every kind): opening computes and stores the
/// snapshots of the period ending at the fire time, <c>days</c> long (7 unless the settings say otherwise), for each targeted
/// team (every team when the cycle targets none) and each of its members. A repeated phase or a second run of the same period
/// replaces the snapshots. Reminders and closing do nothing.
/// </summary>
public sealed class InsightsCycleKind(InsightsRun runner, ITeamDirectory teams) : ICycleKind
{
    public const string KindKey = "insights";
    public const string DaysSetting = "days";
    public const int DefaultDays = 7, MaxDays = 92;

    public string Key => KindKey;
    public string Name => "Insights run";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.Phase != CyclePhase.Open) return new CyclePhaseResult();
        var days = Days(run.Settings) ?? DefaultDays;
        IReadOnlyCollection<string> targets = run.TeamIds.Count > 0 ? run.TeamIds : (await teams.AllTeamsAsync(ct)).Select(t => t.Id).ToList();
        var to = run.ScheduledUtc;
        var result = await runner.RunAsync(targets, to.AddDays(-days), to, run.RunId, ct);
        return new CyclePhaseResult(Targeted: result.Teams, Completed: result.Snapshots);
    }

    public Task<IReadOnlyList<CycleSettingField>> SettingsFieldsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CycleSettingField>>(
        [
            new CycleSettingField(DaysSetting, "Period (days)", [], Required: false,
                Hint: "How many days before each run its snapshot covers; 7 when empty (a weekly cycle)."),
        ]);

    public Task<IReadOnlyList<CycleSettingError>> ValidateSettingsAsync(string settings, CancellationToken ct)
    {
        var value = CycleSettings.Read(settings).GetValueOrDefault(DaysSetting);
        IReadOnlyList<CycleSettingError> errors = string.IsNullOrWhiteSpace(value) || Days(settings) is not null
            ? []
            : [new CycleSettingError(DaysSetting, "Period (days): enter a whole number from 1 to 92.")];
        return Task.FromResult(errors);
    }

    private static int? Days(string settings) =>
        int.TryParse(CycleSettings.Read(settings).GetValueOrDefault(DaysSetting), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && d is >= 1 and <= MaxDays ? d : null;
}
