namespace SalesAcademy.Retros.Services;

public enum RetroOutcome { Ok, NotFound, Invalid }

/// <summary>
/// What a change to a retro came to: done (with the new row's id), not found (missing, or not for this person: the same
/// answer), or refused with the field and an English PO msgid saying why ("Text: write something.").
/// </summary>
public sealed record RetroResult(RetroOutcome Outcome, long Id = 0, string? Field = null, string? Message = null, IReadOnlyList<string>? Args = null)
{
    public static readonly RetroResult NotFound = new(RetroOutcome.NotFound);
    public static RetroResult Done(long id = 0) => new(RetroOutcome.Ok, id);
    public static RetroResult Invalid(string field, string message, params string[] args) => new(RetroOutcome.Invalid, 0, field, message, args);
    public bool Ok => Outcome == RetroOutcome.Ok;
}
