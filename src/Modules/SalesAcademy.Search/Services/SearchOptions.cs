namespace SalesAcademy.Search.Services;

/// <summary>The <c>Search</c> configuration section.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>This node's index folder name under &lt;DataDir&gt;/search (default: <c>Portal:NodeName</c>).</summary>
    public string NodeName { get; set; } = "";

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

    /// <summary>How long one search may run before it stops and returns what it found so far (default 2 s).</summary>
    public double TimeBudgetSeconds { get; set; } = 2;

    /// <summary>How many characters a prefix or wildcard word must have before its first * or ? (default 2; "i*" is refused).</summary>
    public int MinPatternPrefix { get; set; } = 2;

    /// <summary>How many * and ? one word may hold (default 2): each one can multiply the states Lucene builds for it.</summary>
    public int MaxPatternWildcards { get; set; } = 2;

    /// <summary>How many index words one prefix, wildcard, range or fuzzy word may expand to, per field (default 64).</summary>
    public int MaxPatternExpansions { get; set; } = 64;

    /// <summary>What is wrong with the settings (naming the setting), or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(NodeName) ? "Search:NodeName must not be empty."
        : PollSeconds is not (> 0 and <= 3600) ? $"Search:PollSeconds must be more than 0 and at most 3600; it is {PollSeconds}."
        : RebuildWhenCountOffBy is not (>= 0 and <= 1) ? $"Search:RebuildWhenCountOffBy must be between 0 and 1; it is {RebuildWhenCountOffBy}."
        : IndexingDelayMilliseconds < 0 ? $"Search:IndexingDelayMilliseconds must not be negative; it is {IndexingDelayMilliseconds}."
        : RamBufferMb is not (>= 1 and <= 2048) ? $"Search:RamBufferMb must be between 1 and 2048; it is {RamBufferMb}."
        : TimeBudgetSeconds is not (> 0 and <= 60) ? $"Search:TimeBudgetSeconds must be more than 0 and at most 60; it is {TimeBudgetSeconds}."
        : MinPatternPrefix < 0 ? $"Search:MinPatternPrefix must not be negative; it is {MinPatternPrefix}."
        : MaxPatternWildcards < 0 ? $"Search:MaxPatternWildcards must not be negative; it is {MaxPatternWildcards}."
        : MaxPatternExpansions < 1 ? $"Search:MaxPatternExpansions must be 1 or more; it is {MaxPatternExpansions}."
        : null;

    public string IndexPath(string dataDir) => Path.Combine(dataDir, "search", SafeName(NodeName));

    private static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "node" : safe;
    }
}

/// <summary>Checks the settings at start-up (ValidateOnStart), with a message naming the bad setting.</summary>
internal sealed class SearchOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<SearchOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SearchOptions options) =>
        options.Problem() is { } problem ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem) : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
