namespace SalesAcademy.Scheduling;

/// <summary>The <c>Scheduling</c> configuration section.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the dispatcher looks for due runs and phases (Quartz fires it; clustered on PostgreSQL).</summary>
    public double TickSeconds { get; set; } = 30;

    /// <summary>A fire time found later than this is made up as a catch-up run (its window starts when it opens).</summary>
    public double MisfireThresholdSeconds { get; set; } = 300;

    /// <summary>How long a node holds a phase it works on; a node that dies lets another take the phase after this.</summary>
    public double ClaimSeconds { get; set; } = 600;

    public string? Problem() =>
        TickSeconds is < 1 or > 3600 ? $"Setting Scheduling:TickSeconds is {TickSeconds}; use 1 to 3600."
        : MisfireThresholdSeconds < 0 ? $"Setting Scheduling:MisfireThresholdSeconds is {MisfireThresholdSeconds}; use 0 or more."
        : ClaimSeconds < 10 ? $"Setting Scheduling:ClaimSeconds is {ClaimSeconds}; use 10 or more."
        : null;
}
