namespace SalesAcademy.Content.Models;

/// <summary>Which file an item was last imported from, its hash, and the version that import produced.</summary>
public sealed class ContentImportRecord
{
    public string ContentItemId { get; set; } = "";
    public string SourcePath { get; set; } = "";
    public string SourceHash { get; set; } = "";
    public string ImportedVersionId { get; set; } = "";
    public DateTime ImportedUtc { get; set; }
}
