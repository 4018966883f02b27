using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SalesAcademy.Content.Import;

/// <summary>
/// The hash each content file had at the last import, with the size and last write time it had then, kept in the data
/// folder (<c>content-hashes.tsv</c>): a warm start reads only the files whose size or time changed, instead of every
/// file (10,000 files: most of the import's time). A file edited in place keeping both its size and its time to the tick
/// would be missed; editors, <c>git</c> and copies all set a new time.
/// </summary>
public sealed class ContentHashCache
{
    public const string FileName = "content-hashes.tsv";

    private readonly Dictionary<string, (long Size, long Ticks, string Hash)> _known;
    private readonly ConcurrentDictionary<string, (long Size, long Ticks, string Hash)> _seen = new(StringComparer.Ordinal);

    private int _read;

    private ContentHashCache(Dictionary<string, (long, long, string)> known) => _known = known;

    /// <summary>The cache in <paramref name="path"/>; empty when there is none or it cannot be read (lines it cannot read are skipped).</summary>
    public static ContentHashCache Load(string path)
    {
        var known = new Dictionary<string, (long, long, string)>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                var fields = line.Split('\t');
                if (fields.Length == 4 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && fields[3].Length == 64)
                    known[fields[0]] = (size, ticks, fields[3]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return new(known);
    }

    /// <summary>The file's hash (<see cref="ContentFolderReader.HashOf"/>): remembered while its size and time are unchanged, else <paramref name="read"/> and hashed.</summary>
    public string HashOf(string path, Func<string> read)
    {
        var info = new FileInfo(path);
        var (size, ticks) = (info.Length, info.LastWriteTimeUtc.Ticks);
        // Looked at before reading: a file changing meanwhile has a new time at the next start, and is read again then.
        string hash;
        if (_known.TryGetValue(path, out var known) && known.Size == size && known.Ticks == ticks) hash = known.Hash;
        else
        {
            hash = ContentFolderReader.HashOf(read());
            Interlocked.Increment(ref _read);
        }
        _seen[path] = (size, ticks, hash);
        return hash;
    }

    /// <summary>
    /// Writes the files hashed through this cache (files gone from the folder are forgotten), unless every one was known and
    /// none is gone (a warm start with nothing changed writes nothing); a data folder that cannot be written only costs the
    /// next start a full read.
    /// </summary>
    public void Save(string path)
    {
        if (_read == 0 && _seen.Count == _known.Count) return;
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllLines(temporary, _seen.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}\t{e.Value.Size}\t{e.Value.Ticks}\t{e.Value.Hash}")), Encoding.UTF8);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
        }
    }
}
