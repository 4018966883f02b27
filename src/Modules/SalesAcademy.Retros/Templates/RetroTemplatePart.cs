using System.Text.RegularExpressions;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Retros.Templates;

/// <summary>
/// A retrospective template: the prompts cards are written under, each with a title and a description in Chinese and
/// English (a team may reflect in both languages at once). A deal review also asks for the deal, its outcome and roles.
/// </summary>
public sealed partial class RetroTemplatePart : IContentPart
{
    public const int MaxPrompts = 8;

    /// <summary>A review of one won or lost deal: starting it asks for the deal, its outcome and the roles that took part.</summary>
    public bool DealReview { get; set; }
    public List<RetroTemplatePrompt> Prompts { get; set; } = [];

    public IEnumerable<ContentFieldError> Validate()
    {
        if (Prompts.Count == 0) yield return new("prompts", "needs at least one prompt");
        if (Prompts.Count > MaxPrompts) yield return ContentFieldError.Of("prompts", "must be at most {0}", MaxPrompts);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Prompts.Count; i++)
        {
            var prompt = Prompts[i];
            if (string.IsNullOrWhiteSpace(prompt.Key)) yield return new($"prompts[{i}].key", "is required");
            else if (!KeyPattern().IsMatch(prompt.Key)) yield return new($"prompts[{i}].key", "must be lower-case letters, digits and hyphens");
            else if (!keys.Add(prompt.Key)) yield return new($"prompts[{i}].key", "is used by another prompt");
            if (string.IsNullOrWhiteSpace(prompt.TitleZh)) yield return new($"prompts[{i}].titleZh", "is required");
            if (string.IsNullOrWhiteSpace(prompt.TitleEn)) yield return new($"prompts[{i}].titleEn", "is required");
            if (prompt.TitleZh is { Length: > 100 }) yield return ContentFieldError.Of($"prompts[{i}].titleZh", "must be at most {0} characters", 100);
            if (prompt.TitleEn is { Length: > 100 }) yield return ContentFieldError.Of($"prompts[{i}].titleEn", "must be at most {0} characters", 100);
            if (prompt.DescriptionZh is { Length: > 1000 }) yield return ContentFieldError.Of($"prompts[{i}].descriptionZh", "must be at most {0} characters", 1000);
            if (prompt.DescriptionEn is { Length: > 1000 }) yield return ContentFieldError.Of($"prompts[{i}].descriptionEn", "must be at most {0} characters", 1000);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyPattern();
}

public sealed class RetroTemplatePrompt
{
    public string Key { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string? DescriptionZh { get; set; }
    public string? DescriptionEn { get; set; }
}
