using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Hosting;

/// <summary>
/// How long a node may keep small, rarely changed rows (permission grants, site settings) in memory. A change on this node drops
/// its copy at once; on PostgreSQL another node may have changed them, so a copy older than <see cref="MaxAge"/>
/// (<c>Portal:SharedCacheSeconds</c>, 5 s) is read again. On SQLite one process owns the database: copies never age.
/// </summary>
public sealed class SharedStateCache(DatabaseOptions database, IConfiguration configuration)
{
    public TimeSpan MaxAge { get; } = database.Provider == DatabaseProvider.Sqlite
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Portal:SharedCacheSeconds", 5.0), 0, 3600));

    public long Now => Stopwatch.GetTimestamp();

    public TimeSpan Age(long at) => Stopwatch.GetElapsedTime(at);

    public bool IsFresh(long at) => MaxAge == Timeout.InfiniteTimeSpan || Age(at) < MaxAge;
}
