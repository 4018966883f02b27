using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Scheduling;

/// <summary>The steps of one run of a cycle: it opens at its fire time, reminds before it closes, then closes.</summary>
public enum CyclePhase { Open, Remind, Close }

/// <summary>
/// One phase of one run, as a cycle kind sees it. <see cref="RunId"/> and <see cref="ScheduledUtc"/> identify the run:
/// a phase may be handed to the kind again after a crash or a duplicate fire, so whatever the kind writes must be keyed
/// on them (one assignment per run and member, one reminder per run, member and offset).
/// </summary>
/// <param name="Settings">The kind's own settings for this cycle (JSON chosen by the kind, e.g. which quiz); "{}" when none.</param>
/// <param name="ReminderBefore">For <see cref="CyclePhase.Remind"/>: the offset before closing this reminder is for.</param>
/// <param name="TimeZone">The IANA zone the cycle's times are read in (its own, else its first team's, else the site's); null: not known.</param>
public sealed record CycleRunContext(long CycleId, long RunId, string Kind, CyclePhase Phase, IReadOnlyList<string> TeamIds,
    DateTime ScheduledUtc, DateTime? ClosesUtc, TimeSpan? ReminderBefore, string Settings, string? TimeZone = null);

/// <summary>What a phase did, for the run's record: null leaves a count as it was.</summary>
public sealed record CyclePhaseResult(int? Targeted = null, int? Completed = null);

/// <summary>
/// A kind of scheduled cycle (a quiz round, a verification sweep, a review reminder). Each module registers its kinds
/// from its own startup with <see cref="CycleKindRegistration.AddCycleKind{T}"/>; the Scheduling module runs them.
/// A kind is resolved in a fresh scope for each phase, so it may take scoped services (its module's DbContext).
/// </summary>
public interface ICycleKind
{
    /// <summary>Stable key stored with each cycle, e.g. <c>quiz-round</c>.</summary>
    string Key { get; }

    /// <summary>English PO msgid of the kind's name ("Quiz round"); the module's zh-CN.po translates it.</summary>
    string Name { get; }

    /// <summary>Does this phase's work. Must be idempotent for the same run and phase (see <see cref="CycleRunContext"/>).</summary>
    Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct);

    /// <summary>The cadence a new cycle of this kind starts with in the editor, as a cron expression (a daily kind:
    /// <c>0 9 * * *</c>); null: weekly.</summary>
    string? DefaultCron => null;

    /// <summary>
    /// The kind's settings, which the cycle editor and the API show (a quiz round: which quiz). They are stored as a flat JSON
    /// object of strings keyed by <see cref="CycleSettingField.Name"/>. None by default.
    /// </summary>
    Task<IReadOnlyList<CycleSettingField>> SettingsFieldsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<CycleSettingField>>([]);

    /// <summary>What is wrong with these settings (JSON as stored), one error per refused field; none when they are fine.</summary>
    Task<IReadOnlyList<CycleSettingError>> ValidateSettingsAsync(string settings, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CycleSettingError>>([]);
}

/// <summary>One setting of a cycle kind, as the editor shows it.</summary>
/// <param name="Name">Its key in the settings JSON, e.g. <c>quiz</c>.</param>
/// <param name="Label">English PO msgid of its label ("Quiz"); the kind's module translates it.</param>
/// <param name="Choices">The values to choose from (a select); empty: free text.</param>
/// <param name="Hint">English PO msgid of a short help text, or null.</param>
public sealed record CycleSettingField(string Name, string Label, IReadOnlyList<CycleSettingChoice> Choices, bool Required = true, string? Hint = null);

/// <summary>A value of a <see cref="CycleSettingField"/> and its label (a quiz's id and title: data, shown as it is, never translated).</summary>
public sealed record CycleSettingChoice(string Value, string Label);

/// <summary>A refused setting: the field's <see cref="CycleSettingField.Name"/> and an English PO msgid saying what to do,
/// written like the editor's other messages, "Label: what to do." ("Quiz: choose a published quiz.").</summary>
public sealed record CycleSettingError(string Field, string Message);

/// <summary>Reads and writes the flat settings JSON ({"quiz":"…"}) the editor and the kinds share.</summary>
public static class CycleSettings
{
    /// <summary>The settings as name → value; unreadable JSON or non-string values read as none.</summary>
    public static IReadOnlyDictionary<string, string> Read(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return values;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return values;
            foreach (var property in document.RootElement.EnumerateObject())
                if (property.Value.ValueKind == System.Text.Json.JsonValueKind.String) values[property.Name] = property.Value.GetString()!;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return values;
    }

    public static string Write(IEnumerable<KeyValuePair<string, string>> values) =>
        System.Text.Json.JsonSerializer.Serialize(values.Where(v => !string.IsNullOrWhiteSpace(v.Value))
            .ToDictionary(v => v.Key, v => v.Value.Trim(), StringComparer.Ordinal),
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>A cycle as other modules show it (a team page lists its team's cycles).</summary>
/// <param name="Cadence">The cadence in words, in the current UI culture.</param>
/// <param name="NextFireUtc">When it next opens; null when paused or it never fires again.</param>
/// <param name="KindName">The kind's name in the current UI culture (the key when no module registers the kind).</param>
public sealed record CycleSummary(long Id, string Kind, string Cadence, string TimeZone, bool Active, DateTime? NextFireUtc,
    string Title = "", string KindName = "");

/// <summary>The cycles that target a team. The Scheduling module implements it; without it there are none.</summary>
public interface ITeamCycles
{
    Task<IReadOnlyList<CycleSummary>> ForTeamAsync(string teamId, CancellationToken ct = default);

    /// <summary>Whether the user may create and change the team's cycles (trainers, administrators, the team's leads).</summary>
    Task<bool> MayManageAsync(ClaimsPrincipal user, string teamId, CancellationToken ct = default);
}

internal sealed class NoTeamCycles : ITeamCycles
{
    public Task<IReadOnlyList<CycleSummary>> ForTeamAsync(string teamId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CycleSummary>>([]);

    public Task<bool> MayManageAsync(ClaimsPrincipal user, string teamId, CancellationToken ct = default) => Task.FromResult(false);
}

public static class CycleKindRegistration
{
    /// <summary>Registers a cycle kind (scoped). Without the Scheduling module nothing runs it, which is harmless.</summary>
    public static IServiceCollection AddCycleKind<TKind>(this IServiceCollection services) where TKind : class, ICycleKind =>
        services.AddScoped<ICycleKind, TKind>();
}
