using SalesAcademy.Content.Models;

namespace SalesAcademy.Drills.Models;

/// <summary>A team role-play: a scenario, a brief per role, time-boxed steps and a weighted rubric.</summary>
public sealed class DrillPart : IContentPart, IContentReferences, IContentIndexed
{
    public string Scenario { get; set; } = "";
    public List<string> Objectives { get; set; } = [];
    public int DurationMinutes { get; set; }
    public List<DrillRole> Roles { get; set; } = [];
    public List<DrillStep> Steps { get; set; } = [];
    public List<RubricCriterion> Rubric { get; set; } = [];
    public List<string> RelatedPlaybooks { get; set; } = [];

    public IEnumerable<ContentFieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Scenario)) yield return new("scenario", "is required");
        foreach (var tooLong in MarkdownBodyPart.Check("scenario", Scenario)) yield return tooLong;
        if (Objectives.Count == 0) yield return new("objectives", "needs at least one objective");
        if (DurationMinutes is < 5 or > 480) yield return ContentFieldError.Of("durationMinutes", "must be between {0} and {1}", 5, 480);
        if (Roles.Count == 0) yield return new("roles", "needs at least one role");
        for (var i = 0; i < Roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Roles[i].Role)) yield return new($"roles[{i}].role", "is required");
            if (string.IsNullOrWhiteSpace(Roles[i].Brief)) yield return new($"roles[{i}].brief", "is required");
        }
        if (Steps.Count == 0) yield return new("steps", "needs at least one step");
        for (var i = 0; i < Steps.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Steps[i].Title)) yield return new($"steps[{i}].title", "is required");
            if (Steps[i].Minutes < 1) yield return ContentFieldError.Of($"steps[{i}].minutes", "must be at least {0}", 1);
        }
        var planned = Steps.Sum(s => s.Minutes);
        if (Steps.Count > 0 && planned > DurationMinutes)
            yield return ContentFieldError.Of("steps", "the steps take {0} minutes, more than durationMinutes ({1})", planned, DurationMinutes);
        if (Rubric.Count == 0) yield return new("rubric", "needs at least one criterion");
        for (var i = 0; i < Rubric.Count; i++)
        {
            var criterion = Rubric[i];
            if (string.IsNullOrWhiteSpace(criterion.Criterion)) yield return new($"rubric[{i}].criterion", "is required");
            if (criterion.Weight is < 1 or > 100) yield return ContentFieldError.Of($"rubric[{i}].weight", "must be between {0} and {1}", 1, 100);
            if (criterion.Anchors.Keys.Any(k => k is < 1 or > 5)) yield return new($"rubric[{i}].anchors", "keys must be scores 1 to 5");
            foreach (var required in new[] { 1, 3, 5 }.Where(k => string.IsNullOrWhiteSpace(criterion.Anchors.GetValueOrDefault(k))))
                yield return ContentFieldError.Of($"rubric[{i}].anchors", "needs a description for score {0}", required);
        }
        var total = Rubric.Sum(r => r.Weight);
        if (Rubric.Count > 0 && total != 100) yield return ContentFieldError.Of("rubric", "the weights total {0}; they must total 100", total);
    }

    public IEnumerable<IndexedText> IndexedText() =>
    [
        new("Scenario", Scenario), .. Content.Models.IndexedText.Each("Objectives", Objectives),
        .. Roles.SelectMany(r => Content.Models.IndexedText.Each("Role briefs", [r.Role, r.Brief])),
        .. Steps.SelectMany(s => Content.Models.IndexedText.Each("Steps", [s.Title, s.Description])),
        .. Rubric.SelectMany(c => Content.Models.IndexedText.Each("Rubric", [c.Criterion, .. c.Anchors.Values])),
    ];

    public IEnumerable<ContentReference> References() =>
        RelatedPlaybooks.Select((id, i) => new ContentReference($"relatedPlaybooks[{i}]", id, "Playbook"));
}

public sealed class DrillRole
{
    public string Role { get; set; } = "";
    /// <summary>What this player knows and wants.</summary>
    public string Brief { get; set; } = "";
}

public sealed class DrillStep
{
    public string Title { get; set; } = "";
    public int Minutes { get; set; }
    public string? Description { get; set; }
}

public sealed class RubricCriterion
{
    public string Criterion { get; set; } = "";
    public int Weight { get; set; }
    /// <summary>What a score of 1..5 looks like.</summary>
    public SortedDictionary<int, string> Anchors { get; set; } = [];
}
