using Microsoft.Playwright;
using Xunit;

namespace SalesAcademy.Testing;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules over the page as it stands, run in the page itself.
/// </summary>
/// <remarks>
/// Deque's <c>RunAxe</c> runs axe frame by frame and then opens a blank page to merge the frames' results: about 1–2 s
/// per check on this machine whatever the page's size, which made the accessibility test the slowest of the suite. The
/// portal's pages have no frames (its CSP allows none), so axe runs once in the page: the same axe-core, the same rules.
/// </remarks>
public static class Axe
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Source = new(() =>
    {
        const string name = "Deque.AxeCore.Commons.Resources.axe.min.js";
        using var stream = typeof(Deque.AxeCore.Commons.AxeRunOptions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not in Deque.AxeCore.Commons");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>"where · rule · selector" for every node of every violation on <paramref name="page"/>.</summary>
    /// <param name="where">What the lines start with, e.g. the page's address and who is signed in.</param>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string? where = null)
    {
        // Playwright evaluates outside the page's CSP; a page keeps axe until it navigates.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(Source.Value);
        var result = await page.EvaluateAsync<Outcome>("""
            async tags => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return { passes: r.passes.length, violations: r.violations.flatMap(v => v.nodes.map(n => v.id + ' · ' + n.target.join(' '))) };
            }
            """, WcagTags);
        where ??= page.Url;
        // A run that checked nothing would pass anything.
        Assert.True(result.Passes > 10, $"axe did not run on {where} ({result.Passes} rules passed)");
        return [.. result.Violations.Select(v => $"{where} · {v}")];
    }

    // Playwright fills the result of an evaluation through a parameterless constructor and setters.
    private sealed class Outcome
    {
        public int Passes { get; set; }
        public string[] Violations { get; set; } = [];
    }
}
