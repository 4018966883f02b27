using Microsoft.Extensions.Caching.Memory;

namespace SalesAcademy.Content.Models;

/// <summary>
/// The parsed parts of packed (published snapshot) items, most recently read first, at most <c>capacity</c> parts:
/// what a page reads again is parsed once, and a library of any size costs a bounded amount of memory.
/// </summary>
public sealed class PartCache(int capacity) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });

    // Items compare by reference: one entry per snapshot item and part.
    internal bool TryGet(ContentItem item, Type partType, out object part) => _cache.TryGetValue((item, partType), out part!);

    internal void Set(ContentItem item, Type partType, object part) => _cache.Set((item, partType), part, new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => _cache.Dispose();
}
