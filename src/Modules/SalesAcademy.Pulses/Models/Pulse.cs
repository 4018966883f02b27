namespace SalesAcademy.Pulses.Models;

/// <summary>
/// One pulse of one team: opened by a run of a pulse cycle, answerable until <see cref="ClosesUtc"/>, on the pack
/// version pinned when it opened. While it is open <see cref="Secret"/> derives each member's edit tag; closing
/// destroys it with the tags and the participation rows, keeping only <see cref="Respondents"/>.
/// </summary>
public sealed class Pulse
{
    public long Id { get; set; }
    public long CycleId { get; set; }
    /// <summary>The cycle run that opened it (unique with the team: a repeated open is a no-op).</summary>
    public long RunId { get; set; }
    public string TeamId { get; set; } = "";
    public string PackItemId { get; set; } = "";
    /// <summary>The pack version its statements come from (answers carry it too).</summary>
    public string PackVersionId { get; set; } = "";
    public int PackVersionNumber { get; set; }
    public DateTime OpenedUtc { get; set; }
    public DateTime ClosesUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// <summary>Random key of the edit tags while open; null once closed (nothing can link an answer to anyone again).</summary>
    public byte[]? Secret { get; set; }
    /// <summary>Distinct people who answered; fixed when the pulse closes.</summary>
    public int Respondents { get; set; }

    public bool IsOpenAt(DateTime utc) => ClosedUtc is null && utc < ClosesUtc;
}

/// <summary>
/// One answer to one statement, with no person in it. <see cref="Tag"/> (HMAC of the member with the pulse's secret)
/// lets its author replace it while the pulse is open; it is cleared at close, when the rows are also re-written in
/// random order under new ids so neither order nor id hints at who answered.
/// </summary>
public sealed class PulseAnswer
{
    public Guid Id { get; set; }
    public long PulseId { get; set; }
    public string? Tag { get; set; }
    public string PackVersionId { get; set; } = "";
    public string DimensionKey { get; set; } = "";
    public string StatementKey { get; set; } = "";
    public int Value { get; set; }
}

/// <summary>Who has answered an open pulse (to refuse a second answer and count respondents); it holds no answer. Deleted at close.</summary>
public sealed class PulseParticipation
{
    public long PulseId { get; set; }
    public string UserId { get; set; } = "";
}
