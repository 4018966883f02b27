namespace SalesAcademy.Core.Hosting;

/// <summary>The <c>Portal</c> configuration section, with paths resolved to absolute ones at start.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the database file, search index and mail pickup live. Default: App_Data under the content root.</summary>
    public string DataDir { get; set; } = "App_Data";

    /// <summary>
    /// Files every node must read (drill-session attachments): a folder on a shared mount when several nodes serve one
    /// database. Default: <see cref="DataDir"/> (one node).
    /// </summary>
    public string SharedDir { get; set; } = "";

    /// <summary>
    /// This node's name: shown by /health (which node answered) and naming its search index folder. Default: the machine
    /// name and the port it listens on (<c>web1-5080</c>). Shown to anyone who asks /health: no secrets in it.
    /// </summary>
    public string NodeName { get; set; } = "";

    /// <summary>The content-as-code folder imported at start. Default: content/ (the repository's when run from src/Portal).</summary>
    public string ContentDir { get; set; } = "content";

    /// <summary>Import <see cref="ContentDir"/> at start-up.</summary>
    public bool ImportContentOnStart { get; set; } = true;

    /// <summary>
    /// The address people open the portal at (<c>https://academy.example.com</c>). Links in e-mail are built from
    /// it, never from a request's Host header; when set, only its host (and loopback) may be asked for.
    /// Required once e-mail leaves the machine (<c>Mail:Host</c> set).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The site's IANA time zone: a team without its own keeps its schedule in this one.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// What is wrong with the settings, naming the key; null when they are good. Creates the data folder (the database,
    /// keys and index go there): a folder that cannot be created or written is the problem.
    /// </summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(DataDir)) return "Setting Portal:DataDir is empty; set it to a folder the portal may write (default App_Data).";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
            return $"Setting Portal:TimeZone is '{TimeZone}', which is not a known time zone; use an IANA name such as Asia/Shanghai or Europe/Berlin.";
        return Unwritable("Portal:DataDir", DataDir) ?? (SharedDir == DataDir ? null : Unwritable("Portal:SharedDir", SharedDir));
    }

    private static string? Unwritable(string key, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"Setting {key} is '{folder}', which the portal cannot create or write ({ex.Message}); set it to a folder the portal's user may write.";
        }
    }
}

/// <summary>Absolute links for messages that leave the site, such as e-mail.</summary>
public sealed class PortalLinks
{
    public PortalLinks(PortalOptions portal, string? serverUrls)
    {
        if (!string.IsNullOrWhiteSpace(portal.PublicUrl))
        {
            if (!Uri.TryCreate(portal.PublicUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
                throw new InvalidOperationException($"Portal:PublicUrl must be an absolute http or https address without query, e.g. https://academy.example.com (got '{portal.PublicUrl}').");
            BaseUrl = uri;
            IsConfigured = true;
            return;
        }
        // Without a public address (mail stays in the pickup folder): the address the server listens on, never the Host header.
        var first = (serverUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? PortalHostingExtensions.DefaultUrl;
        first = first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        BaseUrl = Uri.TryCreate(first, UriKind.Absolute, out var listening) ? listening : new Uri(PortalHostingExtensions.DefaultUrl);
    }

    /// <summary>Portal:PublicUrl, or the address the server listens on when none is configured.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Whether Portal:PublicUrl was given.</summary>
    public bool IsConfigured { get; }

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (starting with "/") under <see cref="BaseUrl"/>.</summary>
    public string Absolute(string pathAndQuery) => BaseUrl.GetLeftPart(UriPartial.Authority) + BaseUrl.AbsolutePath.TrimEnd('/') + pathAndQuery;
}
