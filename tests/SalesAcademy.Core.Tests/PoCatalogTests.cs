using System.Globalization;
using SalesAcademy.Core.Localization;

namespace SalesAcademy.Core.Tests;

public sealed class PoCatalogTests
{
    [Fact]
    public void Parses_multi_line_strings_escapes_and_ignores_comments_and_context()
    {
        const string po = """
            # SalesAcademy test catalog
            msgid ""
            msgstr "Content-Type: text/plain; charset=UTF-8\n"

            #: Pages/Cases/Index.cshtml
            msgid "Cases"
            msgstr "案例库"

            msgctxt "nav"
            msgid "Home"
            msgstr "首页"

            msgid "A \"quoted\" "
            "two-line key"
            msgstr "带\"引号\"的"
            "两行译文\n"

            msgid "Untranslated"
            msgstr ""
            """;
        var entries = PoCatalog.Parse(po, "test.po");
        Assert.Equal(
            [("Cases", "案例库"), ("Home", "首页"), ("A \"quoted\" two-line key", "带\"引号\"的两行译文\n")],
            entries);
    }

    [Fact]
    public void A_line_that_is_not_po_is_reported_with_file_and_line()
    {
        var ex = Assert.Throws<FormatException>(() => PoCatalog.Parse("msgid \"a\"\nmsgstr \"b\"\nnonsense", "Localization/zh-CN.po"));
        Assert.Equal("Localization/zh-CN.po:3: unexpected line 'nonsense'.", ex.Message);
    }

    [Fact]
    public void Core_catalog_translates_for_zh_CN_and_falls_back_to_the_key_for_English()
    {
        var catalog = new PoCatalog([typeof(PoCatalog).Assembly]);
        var localizer = new PoStringLocalizer(catalog);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("案例库", localizer["Cases"].Value);
            Assert.False(localizer["Cases"].ResourceNotFound);
            Assert.Equal("共 3 项", localizer["{0} items", 3].Value);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Cases", localizer["Cases"].Value);
            Assert.True(localizer["Cases"].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
