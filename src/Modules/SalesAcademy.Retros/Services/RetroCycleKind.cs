using SalesAcademy.Content.Services;
using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Retros.Services;

/// <summary>
/// The retrospective cycle kind (settings <c>{"team":"&lt;team id&gt;","template":"&lt;template id or slug&gt;"}</c>): opening starts
/// one anonymous retro with the template for the team (one per run and team: a repeated phase finds it). The team setting
/// names the team; without it each target team of the cycle gets its retro. Reminders and closing do nothing: the facilitator runs it.
/// </summary>
public sealed class RetroCycleKind(RetroBoard board, PublishedContent published, Core.Security.ITeamDirectory teams) : ICycleKind
{
    public const string KindKey = "retrospective";
    public const string TeamSetting = "team";
    public const string TemplateSetting = "template";

    public string Key => KindKey;
    public string Name => "Retrospective";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.Phase != CyclePhase.Open) return new CyclePhaseResult();
        var settings = CycleSettings.Read(run.Settings);
        var template = settings.GetValueOrDefault(TemplateSetting);
        if (await board.TemplateAsync(template) is null) throw new InvalidOperationException($"The retro template '{template}' of this cycle is not published.");
        IReadOnlyList<string> targets = settings.GetValueOrDefault(TeamSetting) is { Length: > 0 } team ? [team] : run.TeamIds;
        var started = 0;
        foreach (var teamId in targets.Distinct())
        {
            var result = await board.StartForCycleAsync(run.RunId, new RetroStart(teamId, template!), ct);
            if (!result.Ok) throw new InvalidOperationException($"The retro for team '{teamId}' could not start: {result.Message}");
            started++;
        }
        return new CyclePhaseResult(Targeted: targets.Count, Completed: started);
    }

    public async Task<IReadOnlyList<CycleSettingField>> SettingsFieldsAsync(CancellationToken ct)
    {
        var templates = (await published.ListAsync(RetrosModule.TemplateType)).OrderBy(t => t.DisplayText, StringComparer.CurrentCulture)
            .Select(t => new CycleSettingChoice(t.ContentItemId, t.DisplayText)).ToList();
        var teamChoices = (await teams.AllTeamsAsync(ct)).Select(t => new CycleSettingChoice(t.Id, t.Name)).ToList();
        return
        [
            new CycleSettingField(TeamSetting, "Team", teamChoices, Required: true, Hint: "The team whose retrospective this cycle starts."),
            new CycleSettingField(TemplateSetting, "Retro template", templates, Required: true, Hint: "The prompts the team reflects on."),
        ];
    }

    public async Task<IReadOnlyList<CycleSettingError>> ValidateSettingsAsync(string settings, CancellationToken ct)
    {
        var values = CycleSettings.Read(settings);
        var errors = new List<CycleSettingError>();
        var team = values.GetValueOrDefault(TeamSetting);
        if (string.IsNullOrWhiteSpace(team)) errors.Add(new(TeamSetting, "Team: choose the team this retrospective is for."));
        else if ((await teams.AllTeamsAsync(ct)).All(t => t.Id != team)) errors.Add(new(TeamSetting, "Team: there is no team with this id."));
        var template = values.GetValueOrDefault(TemplateSetting);
        if (string.IsNullOrWhiteSpace(template)) errors.Add(new(TemplateSetting, "Retro template: choose the template the retro uses."));
        else if (await board.TemplateAsync(template) is null) errors.Add(new(TemplateSetting, "Retro template: there is no published template with this id or slug."));
        return errors;
    }
}
