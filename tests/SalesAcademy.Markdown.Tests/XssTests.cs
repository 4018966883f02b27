using SalesAcademy.Markdown.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Markdown.Tests;

public sealed class XssTests
{
    private static readonly IMarkdownRenderer Renderer = new MarkdownRenderer();

    /// <summary>The shared list (SalesAcademy.Testing), so features that render user Markdown test the same payloads.</summary>
    public static TheoryData<string> Payloads => XssPayloads.MarkdownTheoryData();

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_is_neutralised(string markdown)
    {
        var html = Renderer.Render(markdown);
        Assert.Null(XssPayloads.FindViolation(html));
    }

    // Guards the oracle itself: unsanitised Markdig output for these payloads must be flagged.
    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x][1]\n\n[1]: JaVaScRiPt:alert(1)")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<SCRIPT>alert(1)</SCRIPT>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">")]
    [InlineData("<form action=\"https://evil.example\"></form>")]
    public void Oracle_flags_unsanitised_output(string markdown) =>
        Assert.NotNull(XssPayloads.FindViolation(Markdig.Markdown.ToHtml(markdown, MarkdownPipelines.Portal)));
}
