using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.Extensions.Localization;

namespace SalesAcademy.Core.Localization;

/// <summary>
/// The view localizer's source (what <c>@T</c> in the views reads): translations from the PO files are trusted markup, but a key
/// without a translation is written HTML-encoded, so a key that ever carries outside text cannot inject markup.
/// A view (<c>@inject IViewLocalizer T</c>) reads the catalog of the module whose assembly compiled it, then the shared one.
/// </summary>
public sealed class PoHtmlLocalizerFactory(PoStringLocalizerFactory strings, ApplicationPartManager parts) : IHtmlLocalizerFactory
{
    private readonly Lazy<Dictionary<string, string>> _moduleOfView = new(() =>
    {
        var views = new ViewsFeature();
        parts.PopulateFeature(views);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var view in views.ViewDescriptors)
            map.TryAdd(ViewKey(view.RelativePath), view.Type?.Assembly.GetName().Name ?? "");
        return map;
    });

    public IHtmlLocalizer Create(Type resourceSource) => new PoHtmlLocalizer(strings.Create(resourceSource));

    /// <summary>ViewLocalizer passes "{application}.{view path with dots, no extension}" and the application name.</summary>
    public IHtmlLocalizer Create(string baseName, string location)
    {
        var key = baseName.StartsWith(location + ".", StringComparison.Ordinal) ? baseName[(location.Length + 1)..] : baseName;
        return new PoHtmlLocalizer(strings.ForModule(_moduleOfView.Value.TryGetValue(key, out var module) && module.Length > 0 ? module : null));
    }

    // The same shape as ViewLocalizer's base name: "/Pages/Review/Due.cshtml" -> "Pages.Review.Due".
    private static string ViewKey(string path) => Path.ChangeExtension(path.TrimStart('/'), null)!.Replace('/', '.').Replace('\\', '.');
}

public sealed class PoHtmlLocalizer(IStringLocalizer localizer) : HtmlLocalizer(localizer)
{
    protected override LocalizedHtmlString ToHtmlString(LocalizedString result) =>
        new PortalHtmlString(result.Name, result.Value, result.ResourceNotFound, []);

    protected override LocalizedHtmlString ToHtmlString(LocalizedString result, object[] arguments) =>
        new PortalHtmlString(result.Name, result.Value, result.ResourceNotFound, arguments);
}

/// <summary>
/// A localized text: <see cref="LocalizedHtmlString.Value"/> is the plain text with its arguments filled in (callers
/// that use <c>.Value</c> as a string get it encoded by Razor, never a raw "{0}"); written as HTML, a translation is
/// trusted markup and its arguments are encoded, and a key without a translation is encoded as a whole.
/// </summary>
public sealed class PortalHtmlString : LocalizedHtmlString, IHtmlContent
{
    private readonly string _format;
    private readonly object[] _arguments;

    public PortalHtmlString(string name, string format, bool isResourceNotFound, object[] arguments)
        : base(name, arguments.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, arguments), isResourceNotFound)
    {
        _format = format;
        _arguments = arguments;
    }

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        var format = IsResourceNotFound ? encoder.Encode(_format) : _format;
        if (_arguments.Length == 0) writer.Write(format);
        else new HtmlFormattableString(CultureInfo.CurrentCulture, format, _arguments).WriteTo(writer, encoder);
    }
}
