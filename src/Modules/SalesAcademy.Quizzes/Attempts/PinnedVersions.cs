using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// The quiz and question versions attempts are pinned to. A version never changes once written (a new edit is a
/// new version), so versions are cached by id: taking a quiz reads its questions from memory, one query per miss set.
/// </summary>
public sealed class PinnedVersions(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public async Task<IReadOnlyDictionary<string, ContentItem>> GetAsync(IEnumerable<string> versionIds, CancellationToken ct = default)
    {
        var found = new Dictionary<string, ContentItem>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in versionIds.Distinct(StringComparer.Ordinal))
        {
            if (cache.TryGetValue(Key(id), out ContentItem? item) && item is not null) found[id] = item;
            else missing.Add(id);
        }
        if (missing.Count == 0) return found;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var item in await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsByIdAsync(missing, ct))
        {
            cache.Set(Key(item.ContentItemVersionId), item, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1), Size = 1 });
            found[item.ContentItemVersionId] = item;
        }
        return found;
    }

    public async Task<ContentItem?> GetAsync(string versionId, CancellationToken ct = default) =>
        (await GetAsync([versionId], ct)).GetValueOrDefault(versionId);

    private static (string, string) Key(string versionId) => ("quiz-pinned-version", versionId);
}
