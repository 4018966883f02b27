namespace SalesAcademy.Markdown.Services;

public interface IMarkdownRenderer
{
    /// <summary>Renders Markdown to sanitised HTML.</summary>
    string Render(string markdown);

    /// <summary>Like <see cref="Render"/>, cached by <paramref name="cacheKey"/> (content must be immutable per key).</summary>
    string RenderCached(string cacheKey, string markdown);
}
