using AngleSharp.Html.Parser;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// PO catalogs are scoped per module: a module's views read their own module's translation of a key first. "Breadcrumb"
/// is 当前位置 in Content's catalog and 导航路径 in Quizzes' (and Teams'); with one merged catalog the last module loaded won.
/// </summary>
public sealed class ModuleCatalogTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task A_key_translated_differently_in_two_modules_reads_each_modules_own_translation()
    {
        using var rep = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep), language: "zh-CN");
        Assert.Equal("当前位置", await BreadcrumbLabelAsync(rep, "/cases/huawei-iron-triangle")); // Content's _ContentHeader
        Assert.Equal("导航路径", await BreadcrumbLabelAsync(rep, "/daily-review/deck")); // Quizzes' review deck
    }

    private static async Task<string?> BreadcrumbLabelAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        return document.QuerySelectorAll("nav[aria-label]").FirstOrDefault(n => n.QuerySelector("ol.breadcrumb") is not null)?.GetAttribute("aria-label");
    }
}
