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

    /// <summary>PostgreSQL (clustered): how often a node checks in with the cluster (Quartz's default, 7.5 s). A node silent for
    /// this plus 7.5 s is taken for dead and the dispatcher's tick it held is freed for the others.</summary>
    public double ClusterCheckinSeconds { get; set; } = 7.5;

    /// <summary>Set (0 to 60): installs the cluster-probe kind, which holds each open phase this long (for proving a cluster).
    /// Unset (the default): not installed.</summary>
    public double? ClusterProbeHoldSeconds { get; set; }

    public string? Problem() =>
        TickSeconds is < 1 or > 3600 ? $"Setting Scheduling:TickSeconds is {TickSeconds}; use 1 to 3600."
        : MisfireThresholdSeconds < 0 ? $"Setting Scheduling:MisfireThresholdSeconds is {MisfireThresholdSeconds}; use 0 or more."
        : ClaimSeconds < 10 ? $"Setting Scheduling:ClaimSeconds is {ClaimSeconds}; use 10 or more."
        : ClusterCheckinSeconds is < 1 or > 300 ? $"Setting Scheduling:ClusterCheckinSeconds is {ClusterCheckinSeconds}; use 1 to 300."
        : ClusterProbeHoldSeconds is < 0 or > 60 ? $"Setting Scheduling:ClusterProbeHoldSeconds is {ClusterProbeHoldSeconds}; use 0 to 60, or leave it unset."
        : null;
}
