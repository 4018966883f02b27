namespace SalesAcademy.Search.Models;

/// <summary>One search someone ran: what they typed, how many results it found, in which UI language.</summary>
public sealed class SearchQueryRecord
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string Query { get; set; } = "";
    public string Culture { get; set; } = "";
    public int ResultCount { get; set; }
    public string? UserId { get; set; }
    /// <summary><c>page</c> or <c>api</c>.</summary>
    public string Source { get; set; } = "";
}
