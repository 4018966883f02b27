namespace SalesAcademy.Pulses.Services;

/// <summary>Site settings of pulses (section <c>Pulses</c>).</summary>
public sealed class PulseOptions
{
    /// <summary>The fewest respondents there must be before anyone sees a team's results; never below it.</summary>
    public const int Floor = 3;

    /// <summary>How many distinct people must answer before a pulse's results are shown (at least <see cref="Floor"/>).</summary>
    public int MinRespondents { get; set; } = Floor;

    /// <summary>How long a pulse stays open when its cycle sets no window of its own.</summary>
    public int DefaultOpenDays { get; set; } = 7;

    public const string MinRespondentsMessage =
        "Setting Pulses:MinRespondents must be 3 or more: with fewer answers a team could tell who gave which answer.";
    public const string OpenDaysMessage = "Setting Pulses:DefaultOpenDays must be between 1 and 60.";
}
