namespace SalesAcademy.DrillSessions.Services;

public enum DrillOutcome { Ok, NotFound, Invalid }

/// <summary>
/// What a change to a session came to: done (with the new row's id), not found (missing, or not for this person: the same
/// answer), or refused with the field and an English PO msgid saying why, with its arguments.
/// </summary>
public sealed record DrillResult(DrillOutcome Outcome, long Id = 0, string? Field = null, string? Message = null, IReadOnlyList<string>? Args = null)
{
    public static readonly DrillResult NotFound = new(DrillOutcome.NotFound);
    public static DrillResult Done(long id = 0) => new(DrillOutcome.Ok, id);
    public static DrillResult Invalid(string field, string message, params string[] args) => new(DrillOutcome.Invalid, 0, field, message, args);
    public bool Ok => Outcome == DrillOutcome.Ok;
}
