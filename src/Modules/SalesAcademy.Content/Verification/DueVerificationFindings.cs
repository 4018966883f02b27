using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;

namespace SalesAcademy.Content.Verification;

/// <summary>
/// Published content due for verification, for the improvement queue: one finding per item and due period (verifying it
/// ends the finding; the next period is a new one), owned by the item's owner (the training team: every trainer).
/// </summary>
public sealed class DueVerificationFindings(PublishedContent published, ContentDefinitions definitions, TimeProvider clock) : IImprovementSource
{
    public const string Source = "Content due for verification";

    public async Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var findings = new List<ImprovementFinding>();
        foreach (var item in await published.AllAsync())
        {
            if (definitions.Find(item.ContentType) is null) continue;
            var ownership = item.As<OwnershipPart>();
            if (!ownership.IsDue(now)) continue;
            var evidence = ownership.LastVerifiedUtc is { } last
                ? new FindingEvidence("Last verified {0}, due {1} (every {2} days)",
                    [last.ToString("yyyy-MM-dd"), ownership.DueUtc!.Value.ToString("yyyy-MM-dd"), ownership.VerifyEveryDays.ToString()], VerificationSweep.DuePage)
                : new FindingEvidence("Never verified since it was published", [], VerificationSweep.DuePage);
            var owner = ContentOwners.IsTrainingTeam(item.Owner) ? null : item.Owner;
            findings.Add(new ImprovementFinding($"verification:{item.ContentItemId}:{VerificationSweep.DueKey(ownership)}", Source, item.DisplayText,
                item.ContentItemId, null, owner, 1, [evidence]) { Url = definitions.UrlFor(item) });
        }
        return findings;
    }
}
