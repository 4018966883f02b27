namespace SalesAcademy.DrillSessions.Services;

/// <summary>The <c>DrillSessions</c> configuration section.</summary>
public sealed class DrillSessionsOptions
{
    public const string Section = "DrillSessions";
    public const long Megabyte = 1024 * 1024;

    /// <summary>The largest attachment a participant may upload, in bytes (default 10 MB, at most 100 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * Megabyte;

    public const string MaxAttachmentBytesMessage = "Setting DrillSessions:MaxAttachmentBytes must be between 1024 and 104857600 (100 MB).";
}
