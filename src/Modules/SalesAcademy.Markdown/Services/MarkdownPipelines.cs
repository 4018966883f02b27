using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace SalesAcademy.Markdown.Services;

/// <summary>Shared, immutable (thread-safe) Markdig pipelines.</summary>
public static class MarkdownPipelines
{
    /// <summary>Portal flavour. Raw HTML stays enabled on purpose: the sanitiser, not Markdig, is the security boundary.</summary>
    public static MarkdownPipeline Portal { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseEmphasisExtras()
        // GitHub style keeps non-ASCII (Chinese) heading text in ids instead of collapsing them to "section".
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();
}
