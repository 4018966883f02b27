using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Drills.Models;
using SalesAcademy.Playbooks.Models;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>The seed portal plus published items whose every text field carries XSS payloads.</summary>
public sealed class XssPortal : IAsyncLifetime
{
    private readonly SqlitePortal _portal = new();

    public PortalFactory Factory => _portal.Factory;

    public const string Script = "<script>alert(1)</script>";
    public const string Img = "<img src=x onerror=alert(1)>";
    public const string Svg = "<svg onload=alert(1)>";
    public const string Iframe = "<iframe src=\"https://evil.example/\"></iframe>";
    public const string JsLink = "[x](javascript:alert(1))";

    /// <summary>Markdown (rendered to HTML, then sanitised) full of payloads.</summary>
    public const string MarkdownPayload = """
        ## Payloads <script>alert('heading')</script>

        <script>alert(1)</script>

        <img src=x onerror=alert(1)>

        [x](javascript:alert(1)) and [y](JaVaScRiPt:alert(1)) and [z](  javascript:alert(1)) and <javascript:alert(1)>

        <iframe src="https://evil.example/"></iframe>

        <svg onload=alert(1)><circle r="1"/></svg>

        <a href="java&#x09;script:alert(1)">tab</a> <a href="&#106;avascript:alert(1)">entity</a>

        <div onclick="alert(1)" style="background:url(javascript:alert(1))">div</div>

        <form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button><input type="text" onfocus="alert(1)" autofocus></form>

        <object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">

        <math><mi xlink:href="javascript:alert(1)">m</mi></math>

        <details open ontoggle="alert(1)"><summary>s</summary></details>

        <style>body{display:none}</style><link rel="stylesheet" href="https://evil.example/x.css"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">

        | a | b |
        |---|---|
        | <script>alert(1)</script> | <img src=x onerror=alert(1)> |

        ![img](javascript:alert(1))

        </div></main><script>alert('breakout')</script>
        """;

    public static readonly string Plain = $"{Script} {Img} {Svg} {Iframe} {JsLink} \"'&";

    public const string CaseSlug = "xss-probe-case";
    public const string PlaybookSlug = "xss-probe-playbook";
    public const string DrillSlug = "xss-probe-drill";

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();

        ContentItem Common(string type, string id, string slug, string title)
        {
            var item = manager.New(type, id);
            item.Culture = "en";
            item.Apply(new TitlePart { Title = title, Summary = "Summary " + Plain });
            item.Apply(new RoutePart { Slug = slug });
            item.Apply(new MarkdownBodyPart { Markdown = MarkdownPayload });
            item.Apply(new TagsPart { Tags = ["iron-triangle"] });
            item.Apply(new OwnershipPart { Owner = "Owner " + Svg });
            return item;
        }

        var kase = Common("CaseStudy", "case-xss-probe", CaseSlug, "Case " + Script);
        kase.Apply(new CaseStudyPart
        {
            Company = "Company " + Iframe,
            Industry = "Industry " + Script,
            Region = "Region " + Img,
            DealSize = "large",
            Outcome = "lost",
            Roles = ["AccountManager", "Role " + Svg],
            Stage = "Stage " + Img,
            Lessons = ["Lesson " + Script, "Lesson " + Img, "Lesson " + JsLink, "Lesson " + Iframe, "Lesson " + Svg],
            RelatedPlaybooks = ["playbook-xss-probe"],
            RelatedDrills = ["drill-xss-probe"],
        });

        var playbook = Common("Playbook", "playbook-xss-probe", PlaybookSlug, "Playbook " + Img);
        playbook.Apply(new PlaybookPart
        {
            Audience = "Audience " + Script,
            Stages =
            [
                new PlaybookStage
                {
                    Key = "probe", Name = "Stage " + Script, Goal = "Goal " + Img,
                    EntryCriteria = ["Entry " + Svg], ExitCriteria = ["Exit " + Iframe], Communication = ["Talk " + JsLink],
                    Raci =
                    [
                        new RaciEntry { Role = "AccountManager", Raci = "A", Responsibilities = ["Duty " + Script] },
                        new RaciEntry { Role = "Role " + Img, Raci = "R", Responsibilities = ["Duty " + Svg] },
                    ],
                },
            ],
        });

        var drill = Common("Drill", "drill-xss-probe", DrillSlug, "Drill " + Svg);
        drill.Apply(new DrillPart
        {
            Scenario = MarkdownPayload,
            Objectives = ["Objective " + Script],
            DurationMinutes = 30,
            Roles = [new DrillRole { Role = "Role " + Script, Brief = "Brief " + Img }],
            Steps = [new DrillStep { Title = "Step " + Svg, Minutes = 10, Description = "Description " + Iframe }],
            Rubric = [new RubricCriterion { Criterion = "Criterion " + Script, Weight = 100, Anchors = new() { [1] = "One " + Img, [3] = "Three " + Svg, [5] = "Five " + JsLink } }],
        });

        // The playbook and drill first: the case names them.
        await manager.CreateAsync(playbook, "xss-test", publish: true);
        await manager.CreateAsync(drill, "xss-test", publish: true);
        await manager.CreateAsync(kase, "xss-test", publish: true);
    }

    public Task DisposeAsync() => _portal.DisposeAsync();
}

/// <summary>
/// Content is untrusted: Markdown fields are sanitised, plain fields are HTML-encoded. Whatever an author
/// types, a page has no script, frame, SVG, event handler or javascript: URL of its own.
/// </summary>
public sealed class XssRenderingTests(XssPortal portal) : IClassFixture<XssPortal>
{
    private static readonly string[] ForbiddenElements =
        ["iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "style", "base", "template", "noscript", "portal"];

    private static readonly string[] UrlAttributes =
        ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "longdesc", "ping", "srcset", "lowsrc", "dynsrc"];

    private const string ThemeScripts = "/_content/SalesAcademy.Theme/";

    public static TheoryData<string> Pages() =>
    [
        $"/cases/{XssPortal.CaseSlug}",
        $"/playbooks/{XssPortal.PlaybookSlug}",
        $"/drills/{XssPortal.DrillSlug}",
        "/cases",
        "/playbooks",
        "/drills",
        "/cases?tag=iron-triangle",
        "/",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_showing_hostile_content_has_no_active_content_of_its_own(string url)
    {
        using var client = portal.Factory.CreateClient();
        var page = await client.GetPageAsync(url);
        Assert.Contains("probe", page.Html, StringComparison.Ordinal); // the probe items are on the page at all
        AssertInert(page.Document, url);
    }

    /// <summary>Query strings are reflected (filters, the language switch's returnUrl, paging links): encoded.</summary>
    [Theory]
    [InlineData("/cases?tag=%3Cscript%3Ealert(1)%3C/script%3E&industry=%22%3E%3Csvg%20onload%3Dalert(1)%3E&outcome=%27onmouseover%3D%27alert(1)")]
    [InlineData("/drills?culture=%22%20onfocus%3D%22alert(1)%22%20autofocus%3D%22&x=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E")]
    [InlineData("/playbooks?page=2&tag=%22%3E%3Ciframe%20src%3Djavascript:alert(1)%3E")]
    [InlineData("/no-such-page?q=%3Cscript%3Ealert(1)%3C/script%3E")]
    public async Task Hostile_query_strings_are_not_reflected_as_markup(string url)
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync(url);
        var document = PortalHtml.Parse(await response.Content.ReadAsStringAsync());
        AssertInert(document, url);
        if (response.StatusCode != System.Net.HttpStatusCode.OK) return; // a re-executed 404 page returns to /not-found
        var link = document.QuerySelector("nav a[hreflang='en']")?.GetAttribute("href") ?? "";
        var returnUrl = link.Contains("returnUrl=") ? link[(link.IndexOf("returnUrl=", StringComparison.Ordinal) + 10)..] : "";
        // The link carries the request's own (still URL-encoded) address as one escaped parameter.
        Assert.Equal(Uri.UnescapeDataString(new Uri("http://localhost" + url).PathAndQuery), Uri.UnescapeDataString(Uri.UnescapeDataString(returnUrl)));
    }

    [Fact]
    public void The_inertness_check_catches_active_content()
    {
        var hostile = PortalHtml.Parse("""
            <html><head></head><body>
            <script src="/_content/SalesAcademy.Theme/lib/htmx/htmx.min.js"></script>
            <script>alert(1)</script><iframe src="x"></iframe><svg></svg><p onclick="x()">p</p>
            <a href=" java script:alert(1)">a</a><img src="javascript:alert(1)"><form action="/evil"><button>b</button></form>
            <div style="background:url(x)">d</div><link rel="stylesheet" href="x.css">
            </body></html>
            """);
        var problems = Problems(hostile);
        Assert.Equal(10, problems.Count);
        Assert.Contains(problems, p => p.Contains("a script that is not one of the theme's"));
        Assert.Contains(problems, p => p.Contains("event handler onclick"));
        Assert.Contains(problems, p => p.Contains("href=\" java script:alert(1)\""));
        Assert.Empty(Problems(PortalHtml.Parse("<html><head></head><body><script src=\"/_content/SalesAcademy.Theme/lib/x.js\"></script><p>ok</p></body></html>")));
    }

    /// <summary>Everything that could run script, load a frame or leave the page.</summary>
    private static void AssertInert(IHtmlDocument document, string url)
    {
        var problems = Problems(document);
        Assert.True(problems.Count == 0, $"{url}:\n  " + string.Join("\n  ", problems));
    }

    private static List<string> Problems(IHtmlDocument document)
    {
        var problems = new List<string>();
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            var where = $"<{name}> in {Path(element)}";
            if (name == "script")
            {
                var src = element.GetAttribute("src");
                if (src is null || !src.StartsWith(ThemeScripts, StringComparison.Ordinal) || element.TextContent.Trim().Length > 0)
                    problems.Add($"{where}: a script that is not one of the theme's ({element.OuterHtml[..Math.Min(120, element.OuterHtml.Length)]})");
            }
            if (ForbiddenElements.Contains(name)) problems.Add($"{where}: element not allowed in content");
            if (name is "link" or "meta" && element.Closest("head") is null) problems.Add($"{where}: outside <head>");
            if (name == "form" && !IsThemeForm(element)) problems.Add($"{where}: a form the theme did not render ({element.GetAttribute("action")})");
            if (name is "button" or "input" or "select" or "textarea" && element.Closest("form") is { } form && !IsThemeForm(form))
                problems.Add($"{where}: a control in a foreign form");

            foreach (var attribute in element.Attributes)
            {
                var attr = attribute.Name.ToLowerInvariant();
                if (attr.StartsWith("on", StringComparison.Ordinal))
                    problems.Add($"{where}: event handler {attr}=\"{attribute.Value}\"");
                if (attr is "srcdoc" or "autofocus" or "formaction") problems.Add($"{where}: attribute {attr}");
                var squeezed = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                if ((UrlAttributes.Contains(attr) && (squeezed.StartsWith("javascript:") || squeezed.StartsWith("vbscript:") || squeezed.StartsWith("data:text/html")))
                    || squeezed.Contains("javascript:") && attr is "style" or "href" or "src")
                    problems.Add($"{where}: {attr}=\"{attribute.Value}\"");
                if (attr == "style" && (squeezed.Contains("url(") || squeezed.Contains("expression(")))
                    problems.Add($"{where}: style=\"{attribute.Value}\"");
            }
        }
        return problems;
    }

    /// <summary>The theme's own forms: the list filters (GET, role=search).</summary>
    private static bool IsThemeForm(IElement form) =>
        form.GetAttribute("role") == "search" && form.GetAttribute("method") == "get" && form.GetAttribute("action") is null;

    private static string Path(IElement element)
    {
        var parts = new List<string>();
        for (var e = element; e is not null && parts.Count < 4; e = e.ParentElement)
            parts.Add(e.LocalName + (string.IsNullOrEmpty(e.Id) ? "" : "#" + e.Id) + (e.ClassName is { Length: > 0 } c ? "." + c.Split(' ')[0] : ""));
        parts.Reverse();
        return string.Join(" > ", parts);
    }

    [Fact]
    public async Task Plain_fields_of_a_case_are_shown_as_text()
    {
        using var client = portal.Factory.CreateClient();
        var page = await client.GetPageAsync($"/cases/{XssPortal.CaseSlug}");

        Assert.Equal("Case " + XssPortal.Script, page.Single("main h1").Clean());
        Assert.StartsWith("Case " + XssPortal.Script, page.Document.Title);
        Assert.Equal("Case " + XssPortal.Script, page.Single("main .breadcrumb [aria-current='page']").Clean());
        Assert.Equal(Normalize("Summary " + XssPortal.Plain), page.Single("main header .lead").Clean());
        Assert.Equal(
            ["Lesson " + XssPortal.Script, "Lesson " + XssPortal.Img, "Lesson " + XssPortal.JsLink, "Lesson " + XssPortal.Iframe, "Lesson " + XssPortal.Svg],
            page.All("section[aria-labelledby='lessons-heading'] li").Texts());

        var facts = page.Single("main aside dl").QuerySelectorAll("dt").Zip(page.Single("main aside dl").QuerySelectorAll("dd"))
            .ToDictionary(p => p.First.Clean(), p => p.Second);
        Assert.Equal("Company " + XssPortal.Iframe, facts["Company"].Clean());
        Assert.Equal("Industry " + XssPortal.Script, facts["Industry"].Clean());
        Assert.Equal("/cases?industry=" + Uri.EscapeDataString("Industry " + XssPortal.Script), facts["Industry"].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Region " + XssPortal.Img, facts["Region"].Clean());
        Assert.Equal("Stage " + XssPortal.Img, facts["Sales stage"].Clean());
        Assert.Equal("Account manager, Role " + XssPortal.Svg, facts["Roles involved"].Clean());
        Assert.Contains("Owner " + XssPortal.Svg, page.Single("main header").Clean());

        // Encoded in the raw HTML (not merely dropped by the parser).
        Assert.Contains("Lesson &lt;script&gt;alert(1)&lt;/script&gt;", page.Html);
        Assert.DoesNotContain("<script>alert", page.Html);
        Assert.DoesNotContain("<img src=x", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", page.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Markdown_keeps_its_harmless_parts()
    {
        using var client = portal.Factory.CreateClient();
        var page = await client.GetPageAsync($"/cases/{XssPortal.CaseSlug}");
        var body = page.Single("main .sa-body");

        Assert.NotNull(body.QuerySelector("h2"));
        var table = body.QuerySelector("table");
        Assert.NotNull(table);
        Assert.Equal(["a", "b"], table.QuerySelectorAll("thead th").Texts());
        // Link text survives even where the href is dropped.
        Assert.Contains("x", body.QuerySelectorAll("a").Texts());
        Assert.Contains("tab", body.QuerySelectorAll("a").Texts());
    }

    [Fact]
    public async Task Plain_fields_of_a_playbook_and_a_drill_are_shown_as_text()
    {
        using var client = portal.Factory.CreateClient();
        var playbook = await client.GetPageAsync($"/playbooks/{XssPortal.PlaybookSlug}");
        Assert.Equal("Playbook " + XssPortal.Img, playbook.Single("main h1").Clean());
        var raci = playbook.Single("table.sa-raci");
        Assert.Equal(["Stage", "Account manager", "Role " + XssPortal.Img], raci.QuerySelectorAll("thead th").Texts());
        Assert.Equal("Stage " + XssPortal.Script, raci.QuerySelector("tbody th")!.Clean());
        Assert.Equal(["Duty " + XssPortal.Script, "Duty " + XssPortal.Svg], raci.QuerySelectorAll("tbody li").Texts());
        Assert.Contains("Audience " + XssPortal.Script, playbook.Single("main").Clean());

        var drill = await client.GetPageAsync($"/drills/{XssPortal.DrillSlug}");
        Assert.Equal("Drill " + XssPortal.Svg, drill.Single("main h1").Clean());
        Assert.Equal("Role " + XssPortal.Script, drill.Single("section[aria-labelledby='roles-heading'] h3").Clean());
        Assert.Equal("Brief " + XssPortal.Img, drill.Single("section[aria-labelledby='roles-heading'] p").Clean());
        Assert.Equal("Step " + XssPortal.Svg, drill.Single("section[aria-labelledby='steps-heading'] .fw-semibold").Clean());
        Assert.Equal("Criterion " + XssPortal.Script, drill.Single("section[aria-labelledby='rubric-heading'] tbody th").Clean());
        Assert.Equal(["100%", "One " + XssPortal.Img, "", "Three " + XssPortal.Svg, "", "Five " + XssPortal.JsLink],
            drill.Single("section[aria-labelledby='rubric-heading'] tbody tr").QuerySelectorAll("td").Texts());
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
