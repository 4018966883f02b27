using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SalesAcademy.Core.Localization;

/// <summary>A localizer per module: <c>IStringLocalizer&lt;T&gt;</c> reads T's module catalog first, then the shared one.</summary>
public sealed class PoStringLocalizerFactory(PoCatalog catalog) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<string, PoStringLocalizer> _byModule = new(StringComparer.Ordinal);
    private readonly PoStringLocalizer _shared = new(catalog);

    public IStringLocalizer Create(Type resourceSource) => ForModule(resourceSource.Assembly.GetName().Name);
    public IStringLocalizer Create(string baseName, string location) => _shared;

    /// <summary>The localizer of one module (an assembly name); null gives the shared catalog only.</summary>
    public PoStringLocalizer ForModule(string? module) =>
        module is null ? _shared : _byModule.GetOrAdd(module, m => new PoStringLocalizer(catalog, m));
}

/// <summary>Translations for one module (its own PO file first), or the shared catalog of every module.</summary>
public sealed class PoStringLocalizer(PoCatalog catalog, string? module = null) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = catalog.Translate(name, CultureInfo.CurrentUICulture, module);
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
