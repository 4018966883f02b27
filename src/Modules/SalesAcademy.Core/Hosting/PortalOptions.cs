namespace SalesAcademy.Core.Hosting;

/// <summary>The <c>Portal</c> configuration section, with paths resolved to absolute ones at start.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the database file, search index and mail pickup live. Default: App_Data under the content root.</summary>
    public string DataDir { get; set; } = "App_Data";

    /// <summary>The content-as-code folder imported at start. Default: content/ (the repository's when run from src/Portal).</summary>
    public string ContentDir { get; set; } = "content";

    /// <summary>Import <see cref="ContentDir"/> at start-up.</summary>
    public bool ImportContentOnStart { get; set; } = true;
}
