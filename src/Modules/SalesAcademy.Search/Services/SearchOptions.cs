namespace SalesAcademy.Search.Services;

/// <summary>The <c>Search</c> configuration section.</summary>
public sealed class SearchOptions
{
    /// <summary>This node's index folder name under &lt;DataDir&gt;/search (default: the machine name).</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>The glossary file (default: glossary.yaml in the content folder).</summary>
    public string GlossaryPath { get; set; } = "";

    /// <summary>How often the change log is read for other nodes' writes; local writes are indexed at once.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Rebuild when the index holds more than this fraction more or fewer documents than the database publishes.</summary>
    public double RebuildWhenCountOffBy { get; set; } = 0.02;

    /// <summary>Pause after each document while indexing (default 0): throttles indexing on a busy machine; tests use it to stop a process part-way.</summary>
    public int IndexingDelayMilliseconds { get; set; }

    /// <summary>Lucene's indexing buffer in MB.</summary>
    public double RamBufferMb { get; set; } = 64;

    public string IndexPath(string dataDir) => Path.Combine(dataDir, "search", SafeName(NodeName));

    private static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "node" : safe;
    }
}
