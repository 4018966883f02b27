using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Localization;
using SalesAcademy.Core.Security;

namespace SalesAcademy.CaseLibrary.Services;

/// <summary>
/// Starts a case contribution from what another module knows of a deal: the same checks and the same writer as the
/// contribution form (<see cref="ContentEditing"/>, <see cref="Contributions"/>), so the draft is the contributor's to
/// finish on /contribute/{id} and then follows the review like any other.
/// </summary>
public sealed class CaseDrafts(Contributions contributions, ContentEditing editing, ContentAccess access, PublishedContent published,
    ContentErrorText errorText, IStringLocalizer<CaseDrafts> t) : ICaseDrafts
{
    public async Task<CaseDraftChoices> ChoicesAsync(CancellationToken ct = default)
    {
        var taxonomy = await published.TaxonomyAsync();
        return new(
            taxonomy.InGroup(CaseStudyPart.IndustryGroup).Select(term => new CaseDraftChoice(term.Key, term.Label(PortalCultures.CurrentIsChinese))).ToList(),
            CaseStudyPart.DealSizes.Select(size => new CaseDraftChoice(size, CaseLabels.DealSize(size))).ToList(),
            CaseStudyPart.Outcomes.Select(outcome => new CaseDraftChoice(outcome, CaseLabels.Outcome(outcome))).ToList());
    }

    public async Task<CaseDraftResult> CreateAsync(ClaimsPrincipal user, CaseDraft draft, CancellationToken ct = default)
    {
        if (!await access.HasAsync(user, ContentPermissions.Contribute))
            return new(null, [new("", "", t["You may not contribute cases."].Value)]);
        if (draft.SourceKey is { Length: > 0 } source && await ExistingAsync(user, source, ct) is { } started) return new(started, []);
        var id = draft.SourceKey is { Length: > 0 } key ? DraftId(user, key) : ContentIds.New();
        var fields = new JsonObject
        {
            ["title"] = Cut(draft.Title, 200), ["culture"] = draft.Culture, ["slug"] = id,
            ["roles"] = new JsonArray(draft.Roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => (JsonNode?)r.Trim()).Distinct().ToArray()),
            ["lessons"] = new JsonArray(draft.Lessons.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => (JsonNode?)l.Trim()).ToArray()),
        };
        // What the caller does not know is left out: the check names it, and the contributor fills it in on the form.
        if (Cut(draft.Summary, 1000) is { Length: > 0 } summary) fields["summary"] = summary;
        if (draft.Company?.Trim() is { Length: > 0 } company) fields["company"] = company;
        if (draft.Industry?.Trim() is { Length: > 0 } industry) fields["industry"] = industry;
        if (draft.DealSize?.Trim() is { Length: > 0 } dealSize) fields["dealSize"] = dealSize;
        if (draft.Outcome?.Trim() is { Length: > 0 } outcome) fields["outcome"] = outcome;

        var edit = await editing.ReadAsync(CaseLibraryModule.ContentType, id, fields, draft.StoryMarkdown, current: null, mayAssignOwner: false, ct);
        if (!edit.IsValid) return Refused(edit.Errors);
        try { await contributions.CreateAsync(edit.Item!, user, ct); }
        catch (ContentValidationException ex) { return Refused(ex.Errors); }
        return new(Contributions.ContributorUrl(id), []);
    }

    public async Task<string?> ExistingAsync(ClaimsPrincipal user, string sourceKey, CancellationToken ct = default)
    {
        var id = DraftId(user, sourceKey);
        return (await contributions.ForItemsAsync([id], ct)).TryGetValue(id, out var contribution)
            && string.Equals(contribution.Contributor, user.UserName(), StringComparison.OrdinalIgnoreCase)
            ? Contributions.ContributorUrl(id) : null;
    }

    /// <summary>The id of the one draft a contributor makes from a source: the same every time, and no one else's.</summary>
    private static string DraftId(ClaimsPrincipal user, string sourceKey) =>
        "case-draft-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceKey + "\n" + user.UserName().ToLowerInvariant())))[..20];

    private CaseDraftResult Refused(IEnumerable<ContentFieldError> errors) =>
        new(null, errorText.Describe(CaseLibraryModule.ContentType, errors).Select(e => new CaseDraftError(e.Field, e.Label, e.Message)).ToList());

    private static string Cut(string? text, int max) => (text ?? "").Trim() is var trimmed && trimmed.Length > max ? trimmed[..max] : (text ?? "").Trim();
}
