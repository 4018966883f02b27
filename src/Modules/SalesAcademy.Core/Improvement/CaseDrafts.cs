using System.Security.Claims;

namespace SalesAcademy.Core.Improvement;

/// <summary>
/// What another module knows of a deal, to start a case contribution from (a deal review retro). Everything is plain
/// text its users wrote; <see cref="StoryMarkdown"/> goes through the site's Markdown pipeline when shown. Fields the
/// caller does not know stay null and the case form asks for them.
/// </summary>
/// <param name="Outcome">won, lost or ongoing (<see cref="CaseDraftChoices.Outcomes"/>), or null.</param>
/// <param name="Roles">Team role keys (<see cref="Domain.TeamRoles"/>) that took part.</param>
/// <param name="Lessons">One lesson per entry.</param>
public sealed record CaseDraft(string Title, string Culture, string? Outcome, IReadOnlyList<string> Roles, IReadOnlyList<string> Lessons, string StoryMarkdown)
{
    public string? Summary { get; init; }
    /// <summary>The customer's name; a case needs one.</summary>
    public string? Company { get; init; }
    /// <summary>A key of <see cref="CaseDraftChoices.Industries"/>; a case needs one.</summary>
    public string? Industry { get; init; }
    /// <summary>A key of <see cref="CaseDraftChoices.DealSizes"/>; a case needs one.</summary>
    public string? DealSize { get; init; }
    /// <summary>
    /// What the draft is made from, stable across calls (<c>retro-12</c>): one draft per source and contributor, so a second
    /// "create" opens the draft already started instead of making another. Null: always a new draft.
    /// </summary>
    public string? SourceKey { get; init; }
}

/// <summary>A value a case field takes and its label in the reader's language.</summary>
public sealed record CaseDraftChoice(string Key, string Label);

/// <summary>The values a case's choice fields take, for a caller's form.</summary>
public sealed record CaseDraftChoices(IReadOnlyList<CaseDraftChoice> Industries, IReadOnlyList<CaseDraftChoice> DealSizes, IReadOnlyList<CaseDraftChoice> Outcomes)
{
    public static readonly CaseDraftChoices None = new([], [], []);
}

/// <summary>A problem with one field of a draft, said in the reader's language with the field's label.</summary>
public sealed record CaseDraftError(string Field, string Label, string Message);

/// <summary>Where the contributor continues (their contribution form), or why nothing was created.</summary>
public sealed record CaseDraftResult(string? Url, IReadOnlyList<CaseDraftError> Errors)
{
    public bool Created => Url is not null;
}

/// <summary>
/// Starts a case contribution as a draft of <c>user</c> (who needs content.contribute), prefilled; it then follows the
/// library's contribution review like one written by hand. The case library implements it; without it none is created.
/// </summary>
public interface ICaseDrafts
{
    Task<CaseDraftChoices> ChoicesAsync(CancellationToken ct = default);

    Task<CaseDraftResult> CreateAsync(ClaimsPrincipal user, CaseDraft draft, CancellationToken ct = default);

    /// <summary>Where the contributor continues the draft they already made from <paramref name="sourceKey"/>, or null.</summary>
    Task<string?> ExistingAsync(ClaimsPrincipal user, string sourceKey, CancellationToken ct = default);
}

internal sealed class NoCaseDrafts : ICaseDrafts
{
    public Task<CaseDraftChoices> ChoicesAsync(CancellationToken ct = default) => Task.FromResult(CaseDraftChoices.None);

    public Task<CaseDraftResult> CreateAsync(ClaimsPrincipal user, CaseDraft draft, CancellationToken ct = default) =>
        Task.FromResult(new CaseDraftResult(null, [new("", "", "There is no case library: no contribution can be started.")]));

    public Task<string?> ExistingAsync(ClaimsPrincipal user, string sourceKey, CancellationToken ct = default) => Task.FromResult<string?>(null);
}
