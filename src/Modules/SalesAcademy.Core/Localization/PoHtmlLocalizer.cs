using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;

namespace SalesAcademy.Core.Localization;

/// <summary>
/// The view localizer's source (what <c>@T</c> in the views reads): translations from the PO files are trusted markup, but a key
/// without a translation is written HTML-encoded, so a key that ever carries outside text cannot inject markup.
/// </summary>
public sealed class PoHtmlLocalizerFactory(IStringLocalizerFactory strings) : IHtmlLocalizerFactory
{
    public IHtmlLocalizer Create(Type resourceSource) => new PoHtmlLocalizer(strings.Create(resourceSource));
    public IHtmlLocalizer Create(string baseName, string location) => new PoHtmlLocalizer(strings.Create(baseName, location));
}

public sealed class PoHtmlLocalizer(IStringLocalizer localizer) : HtmlLocalizer(localizer)
{
    protected override LocalizedHtmlString ToHtmlString(LocalizedString result) =>
        result.ResourceNotFound ? new UntranslatedHtmlString(result.Name, result.Value, []) : base.ToHtmlString(result);

    protected override LocalizedHtmlString ToHtmlString(LocalizedString result, object[] arguments) =>
        result.ResourceNotFound ? new UntranslatedHtmlString(result.Name, result.Value, arguments) : base.ToHtmlString(result, arguments);
}

/// <summary>
/// A key shown as its own text: <see cref="LocalizedHtmlString.Value"/> stays the plain text (callers that use
/// <c>.Value</c> as a string get it encoded by Razor), and writing it as HTML encodes it and its arguments.
/// </summary>
public sealed class UntranslatedHtmlString : LocalizedHtmlString, IHtmlContent
{
    private readonly object[] _arguments;

    public UntranslatedHtmlString(string name, string value, object[] arguments)
        : base(name, value, isResourceNotFound: true, arguments) => _arguments = arguments;

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        if (_arguments.Length == 0) encoder.Encode(writer, Value);
        else new HtmlFormattableString(CultureInfo.CurrentCulture, encoder.Encode(Value), _arguments).WriteTo(writer, encoder);
    }
}
