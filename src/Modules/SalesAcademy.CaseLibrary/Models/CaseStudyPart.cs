using SalesAcademy.Content.Models;

namespace SalesAcademy.CaseLibrary.Models;

/// <summary>A real deal: who sold what to whom, how the team worked together, and what it taught.</summary>
public sealed class CaseStudyPart : IContentPart, IContentReferences, IContentIndexed, IContentTerms
{
    /// <summary>The taxonomy group whose terms are a case's industries (content/taxonomy.yaml).</summary>
    public const string IndustryGroup = "industry";

    public static readonly string[] DealSizes = ["small", "medium", "large", "strategic"];
    public static readonly string[] Outcomes = ["won", "lost", "ongoing"];

    public string Company { get; set; } = "";
    public string Industry { get; set; } = "";
    public string? Region { get; set; }
    public string DealSize { get; set; } = "";
    public string Outcome { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string? Stage { get; set; }
    public List<string> Lessons { get; set; } = [];
    public List<string> RelatedPlaybooks { get; set; } = [];
    public List<string> RelatedDrills { get; set; } = [];

    public IEnumerable<ContentFieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Company)) yield return new("company", "is required");
        if (string.IsNullOrWhiteSpace(Industry)) yield return new("industry", "is required");
        if (!DealSizes.Contains(DealSize)) yield return ContentFieldError.Choice("dealSize", DealSize, DealSizes);
        if (!Outcomes.Contains(Outcome)) yield return ContentFieldError.Choice("outcome", Outcome, Outcomes);
        if (Roles.Count == 0) yield return new("roles", "needs at least one team role");
        for (var i = 0; i < Roles.Count; i++)
            if (string.IsNullOrWhiteSpace(Roles[i])) yield return new($"roles[{i}]", "must not be empty");
        for (var i = 0; i < Lessons.Count; i++)
            if (string.IsNullOrWhiteSpace(Lessons[i])) yield return new($"lessons[{i}]", "must not be empty");
    }

    public IEnumerable<IndexedText> IndexedText() =>
    [
        new("Company", Company), new("Region", Region), .. Content.Models.IndexedText.Each("Roles", Roles),
        new("Stage", Stage), .. Content.Models.IndexedText.Each("Lessons", Lessons),
    ];

    /// <summary>The industry is a key of the taxonomy's industry group; the search index holds its labels with the tags.</summary>
    public IEnumerable<ContentTerm> Terms() => [new("industry", Industry.Trim(), IndustryGroup)];

    /// <summary>The case library's filters: readers narrow a search by industry and outcome.</summary>
    public IEnumerable<IndexedFacet> IndexedFacets() => [new("industry", Industry), new("outcome", Outcome)];

    public IEnumerable<ContentReference> References() =>
        RelatedPlaybooks.Select((id, i) => new ContentReference($"relatedPlaybooks[{i}]", id, "Playbook"))
            .Concat(RelatedDrills.Select((id, i) => new ContentReference($"relatedDrills[{i}]", id, "Drill")));
}
