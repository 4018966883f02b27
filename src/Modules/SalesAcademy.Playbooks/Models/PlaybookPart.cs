using SalesAcademy.Content.Models;

namespace SalesAcademy.Playbooks.Models;

/// <summary>A standard collaborative process: ordered stages, each with a RACI of the roles involved.</summary>
public sealed class PlaybookPart : IContentPart, IContentReferences, IContentIndexed, IContentAnchors
{
    public string? Audience { get; set; }
    public List<PlaybookStage> Stages { get; set; } = [];
    public List<string> RelatedDrills { get; set; } = [];

    /// <summary>Every role named in any stage, in first-seen order (the columns of the stages × roles grid).</summary>
    public IReadOnlyList<string> Roles() => Stages.SelectMany(s => s.Raci.Select(r => r.Role)).Distinct().ToList();

    public IEnumerable<ContentFieldError> Validate()
    {
        if (Stages.Count == 0) yield return new("stages", "needs at least one stage");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            var at = $"stages[{i}]";
            if (!ContentIds.IsValid(stage.Key)) yield return ContentFieldError.Of($"{at}.key", "'{0}' must be 3-64 characters of a-z, 0-9 and '-'", stage.Key);
            else if (!keys.Add(stage.Key)) yield return ContentFieldError.Of($"{at}.key", "duplicate stage key '{0}'", stage.Key);
            if (string.IsNullOrWhiteSpace(stage.Name)) yield return new($"{at}.name", "is required");
            if (stage.Raci.Count == 0) yield return new($"{at}.raci", "needs at least one role");
            for (var j = 0; j < stage.Raci.Count; j++)
            {
                var entry = stage.Raci[j];
                if (string.IsNullOrWhiteSpace(entry.Role)) yield return new($"{at}.raci[{j}].role", "is required");
                if (entry.Raci.Length == 0 || entry.Raci.Any(c => "RACI".IndexOf(c) < 0) || entry.Raci.Distinct().Count() != entry.Raci.Length)
                    yield return ContentFieldError.Of($"{at}.raci[{j}].raci", "'{0}' must be letters from R, A, C, I (each at most once)", entry.Raci);
            }
            var accountable = stage.Raci.Count(r => r.Raci.Contains('A'));
            if (stage.Raci.Count > 0 && accountable != 1)
                yield return ContentFieldError.Of($"{at}.raci", "exactly one role must be accountable (A); found {0}", accountable);
        }
    }

    public IEnumerable<IndexedText> IndexedText() =>
        Stages.SelectMany(s => (IEnumerable<IndexedText>)
        [
            new("Stage", s.Key), new("Stage", s.Name), new("Goal", s.Goal),
            .. Content.Models.IndexedText.Each("Entry criteria", s.EntryCriteria), .. Content.Models.IndexedText.Each("Exit criteria", s.ExitCriteria),
            .. s.Raci.SelectMany(r => Content.Models.IndexedText.Each("Responsibilities", [r.Role, .. r.Responsibilities])),
            .. Content.Models.IndexedText.Each("Communication", s.Communication),
        ]).Prepend(new("Audience", Audience));

    public IEnumerable<ContentReference> References() =>
        RelatedDrills.Select((id, i) => new ContentReference($"relatedDrills[{i}]", id, "Drill"));

    /// <summary>The stages, by key: a retro action (or another follow-up) may ask to change one stage.</summary>
    public IEnumerable<ContentAnchor> Anchors() => Stages.Select(s => new ContentAnchor(s.Key, s.Name));
}

public sealed class PlaybookStage
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Goal { get; set; }
    public List<string> EntryCriteria { get; set; } = [];
    public List<string> ExitCriteria { get; set; } = [];
    public List<RaciEntry> Raci { get; set; } = [];
    /// <summary>Meetings, hand-offs and shared records of the stage.</summary>
    public List<string> Communication { get; set; } = [];

    public RaciEntry? For(string role) => Raci.FirstOrDefault(r => r.Role == role);
}

public sealed class RaciEntry
{
    public string Role { get; set; } = "";
    /// <summary>One or more of R (responsible), A (accountable), C (consulted), I (informed).</summary>
    public string Raci { get; set; } = "";
    public List<string> Responsibilities { get; set; } = [];
}
