using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;

namespace SalesAcademy.Improvement.Queue;

/// <summary>
/// Open follow-ups other modules keep about content (retro actions linked to a playbook stage, a drill, a case, a question),
/// through <see cref="IContentFollowUps"/>, as queue findings owned by the content's owner. Resolving one closes the follow-up.
/// </summary>
public sealed class FollowUpFindings(IContentFollowUps followUps, PublishedContent published, ContentDefinitions definitions) : IImprovementSource
{
    public async Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default)
    {
        var findings = new List<ImprovementFinding>();
        foreach (var f in await followUps.OpenAsync(null, ct))
        {
            if (f.Key is null) continue; // not resolvable: its module closes it (it stays on the studio page)
            var item = await published.ByIdAsync(f.ContentItemId);
            var owner = item?.Owner is { } o && !ContentOwners.IsTrainingTeam(o) ? o : null;
            var evidence = new List<FindingEvidence>
            {
                f.DueUtc is { } due
                    ? new FindingEvidence("Agreed in a team's retro on {0}, due {1}", [f.CreatedUtc.ToString("yyyy-MM-dd"), due.ToString("yyyy-MM-dd")], f.LocalUrl)
                    : new FindingEvidence("Agreed in a team's retro on {0}", [f.CreatedUtc.ToString("yyyy-MM-dd")], f.LocalUrl),
            };
            if (item is not null)
                evidence.Add(new FindingEvidence(f.Anchor is null ? "Asks to change “{0}”" : "Asks to change “{0}”, part {1}",
                    f.Anchor is null ? [item.DisplayText] : [item.DisplayText, f.Anchor],
                    definitions.Find(item.ContentType) is null ? null : definitions.UrlFor(item) + (f.Anchor is null ? "" : "#stage-" + f.Anchor)));
            findings.Add(new ImprovementFinding($"followup:{f.Key}", f.Source, f.Title, f.ContentItemId, f.Anchor, owner, 1, evidence)
            {
                Url = f.LocalUrl, FollowUpKey = f.Key, TeamId = f.TeamId,
            });
        }
        return findings;
    }
}
