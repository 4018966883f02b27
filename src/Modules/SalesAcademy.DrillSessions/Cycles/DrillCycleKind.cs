using SalesAcademy.Core.Scheduling;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Cycles;

/// <summary>
/// The drill cycle kind (settings <c>{"team":"&lt;team id&gt;","drill":"&lt;drill id or slug&gt;"}</c>): opening schedules one session of
/// the drill for the team at the run's fire time (one per run, team and drill: a repeated phase finds it). The team's lead
/// assigns the roles and facilitator afterwards. Reminders and closing do nothing: the facilitator runs the session.
/// </summary>
public sealed class DrillCycleKind(DrillSessionBook book, Core.Security.ITeamDirectory teams) : ICycleKind
{
    public const string KindKey = "drill";
    public const string TeamSetting = "team";
    public const string DrillSetting = "drill";

    public string Key => KindKey;
    public string Name => "Drill session";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.Phase != CyclePhase.Open) return new CyclePhaseResult();
        var settings = CycleSettings.Read(run.Settings);
        var drill = settings.GetValueOrDefault(DrillSetting);
        if (await book.PublishedDrillAsync(drill) is null) throw new InvalidOperationException($"The drill '{drill}' of this cycle is not published.");
        IReadOnlyList<string> targets = settings.GetValueOrDefault(TeamSetting) is { Length: > 0 } team ? [team] : run.TeamIds;
        var scheduled = 0;
        foreach (var teamId in targets.Distinct())
        {
            var result = await book.ScheduleForCycleAsync(run.RunId, new SessionDraft(teamId, drill, run.ScheduledUtc), ct);
            if (!result.Ok) throw new InvalidOperationException($"The drill session for team '{teamId}' could not be scheduled: {result.Field}: {result.Message}");
            scheduled++;
        }
        return new CyclePhaseResult(Targeted: targets.Count, Completed: scheduled);
    }

    public async Task<IReadOnlyList<CycleSettingField>> SettingsFieldsAsync(CancellationToken ct)
    {
        var drills = (await book.PublishedDrillsAsync()).Select(d => new CycleSettingChoice(d.ContentItemId, d.DisplayText)).ToList();
        var teamChoices = (await teams.AllTeamsAsync(ct)).Select(t => new CycleSettingChoice(t.Id, t.Name)).ToList();
        return
        [
            new CycleSettingField(TeamSetting, "Team", teamChoices, Required: true, Hint: "The team whose drill session this cycle schedules."),
            new CycleSettingField(DrillSetting, "Drill", drills, Required: true, Hint: "The published drill the team runs; the lead assigns the roles."),
        ];
    }

    public async Task<IReadOnlyList<CycleSettingError>> ValidateSettingsAsync(string settings, CancellationToken ct)
    {
        var values = CycleSettings.Read(settings);
        var errors = new List<CycleSettingError>();
        var team = values.GetValueOrDefault(TeamSetting);
        if (string.IsNullOrWhiteSpace(team)) errors.Add(new(TeamSetting, "Team: choose the team this drill session is for."));
        else if ((await teams.AllTeamsAsync(ct)).All(t => t.Id != team)) errors.Add(new(TeamSetting, "Team: there is no team with this id."));
        var drill = values.GetValueOrDefault(DrillSetting);
        if (string.IsNullOrWhiteSpace(drill)) errors.Add(new(DrillSetting, "Drill: choose the drill the team runs."));
        else if (await book.PublishedDrillAsync(drill) is null) errors.Add(new(DrillSetting, "Drill: there is no published drill with this id or slug."));
        return errors;
    }
}
