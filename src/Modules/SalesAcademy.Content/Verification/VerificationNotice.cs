namespace SalesAcademy.Content.Verification;

/// <summary>
/// That an item's due period was announced: to its owner (<see cref="VerificationAudience.Owner"/>) or, past the grace
/// period, to the administrators (<see cref="VerificationAudience.Escalation"/>). Unique on (item, due, audience), so a
/// daily sweep says it once per due period; verifying the item starts a new period (a new <see cref="Due"/>).
/// </summary>
public sealed class VerificationNotice
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    /// <summary>The due date it was for (<see cref="VerificationSweep.DueKey"/>), or <c>unverified</c> for an item never verified.</summary>
    public string Due { get; set; } = "";
    public string Audience { get; set; } = "";
    public DateTime NotifiedUtc { get; set; }
}

public static class VerificationAudience
{
    public const string Owner = "owner";
    public const string Escalation = "escalation";
}
