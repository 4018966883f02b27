using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SalesAcademy.Core.Localization;

public sealed class PoStringLocalizerFactory(PoCatalog catalog) : IStringLocalizerFactory
{
    private readonly PoStringLocalizer _localizer = new(catalog);
    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;
}

/// <summary>One catalog for all modules: a module's own PO file adds to it.</summary>
public sealed class PoStringLocalizer(PoCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = catalog.Translate(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.All(CultureInfo.CurrentUICulture).Select(e => new LocalizedString(e.Key, e.Value));
}
