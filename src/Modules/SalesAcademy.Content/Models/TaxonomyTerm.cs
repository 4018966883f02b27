namespace SalesAcademy.Content.Models;

/// <summary>A tag of the shared taxonomy (challenges, strategies, topics) with a label per language.</summary>
public sealed class TaxonomyTerm
{
    public string Key { get; set; } = "";
    public string Group { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }

    public string Label(bool chinese) => chinese ? (NameZh.Length > 0 ? NameZh : NameEn) : (NameEn.Length > 0 ? NameEn : NameZh);
}

public sealed class TaxonomyGroup
{
    public string Key { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }

    public string Label(bool chinese) => chinese ? NameZh : NameEn;
}
