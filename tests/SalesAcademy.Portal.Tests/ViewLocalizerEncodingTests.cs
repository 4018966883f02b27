using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Defence in depth for issue 12 finding 1: the portal's view localizer writes a key that has no translation
/// HTML-encoded (the framework's writes it raw), while translations and <c>.Value</c> stay as they are.
/// </summary>
public sealed class ViewLocalizerEncodingTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private IHtmlLocalizer Localizer => portal.Factory.Services.GetRequiredService<IHtmlLocalizerFactory>().Create(typeof(ViewLocalizerEncodingTests));

    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void A_key_without_a_translation_is_written_encoded()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var html = Html(Localizer["<img src=x onerror=alert(1)>"]);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img", html);
        Assert.Equal("<img src=x onerror=alert(1)>", Localizer["<img src=x onerror=alert(1)>"].Value); // Razor encodes .Value itself
    }

    [Fact]
    public void A_key_without_a_translation_keeps_its_placeholders_and_encodes_the_arguments()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var html = Html(Localizer["<b>{0}</b> and {1}", "<i>", 2]);
        Assert.Equal("&lt;b&gt;&lt;i&gt;&lt;/b&gt; and 2", html);
    }

    [Fact]
    public void A_translated_key_is_written_as_translated_with_encoded_arguments()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        Assert.Equal("创作室", Html(Localizer["Studio"]));
        Assert.DoesNotContain("<svg", Html(Localizer["Contributed by {0}", "<svg onload=alert(1)>"]));
    }
}
