namespace SalesAcademy.Notifications.Delivery;

/// <summary>The <c>Notifications:Delivery</c> configuration section: how the outbox is sent.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Notifications:Delivery";

    /// <summary>How often an idle node looks for due rows (a row written on this node wakes it at once).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Rows one node claims at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Sends in flight at once on one node.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How long a claim holds; a node that dies mid-send lets another take its rows after this.</summary>
    public double ClaimSeconds { get; set; } = 120;

    /// <summary>Retries within one attempt (Polly, exponential back-off with jitter) before the row waits for its next attempt.</summary>
    public int QuickRetries { get; set; } = 2;
    public double QuickRetryDelaySeconds { get; set; } = 1;

    /// <summary>One send (SMTP conversation or HTTP POST) longer than this fails.</summary>
    public double SendTimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts before a row is Failed (an administrator may retry it on /admin/delivery).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; it doubles after each (1, 2, 4, 8, 16 minutes by default), up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 60;
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>The local hour (0-23, in Portal:TimeZone) the daily digest e-mail goes out.</summary>
    public int DigestHour { get; set; } = 8;

    /// <summary>How often a node looks whether digests are due.</summary>
    public double DigestCheckSeconds { get; set; } = 60;

    /// <summary>Webhook addresses must be https; true also allows http (tests, an intranet chat server).</summary>
    public bool AllowHttpWebhooks { get; set; }

    /// <summary>Webhooks may post to loopback, private and link-local addresses (tests, an intranet chat server); off by default (<see cref="WebhookAddresses"/>).</summary>
    public bool AllowPrivateWebhookAddresses { get; set; }

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    public string? Problem() =>
        PollSeconds is < 0.05 or > 3600 ? $"Setting {Section}:PollSeconds is {PollSeconds}; use 0.05 to 3600."
        : BatchSize is < 1 or > 1000 ? $"Setting {Section}:BatchSize is {BatchSize}; use 1 to 1000."
        : Parallelism is < 1 or > 64 ? $"Setting {Section}:Parallelism is {Parallelism}; use 1 to 64."
        : ClaimSeconds < 5 ? $"Setting {Section}:ClaimSeconds is {ClaimSeconds}; use 5 or more."
        : QuickRetries is < 0 or > 10 ? $"Setting {Section}:QuickRetries is {QuickRetries}; use 0 to 10."
        : QuickRetryDelaySeconds is < 0.001 or > 60 ? $"Setting {Section}:QuickRetryDelaySeconds is {QuickRetryDelaySeconds}; use 0.001 to 60."
        : SendTimeoutSeconds is < 1 or > 600 ? $"Setting {Section}:SendTimeoutSeconds is {SendTimeoutSeconds}; use 1 to 600."
        : MaxAttempts is < 1 or > 100 ? $"Setting {Section}:MaxAttempts is {MaxAttempts}; use 1 to 100."
        : RetryBaseSeconds is < 0.01 ? $"Setting {Section}:RetryBaseSeconds is {RetryBaseSeconds}; use 0.01 or more."
        : RetryMaxSeconds < RetryBaseSeconds ? $"Setting {Section}:RetryMaxSeconds is {RetryMaxSeconds}; use at least RetryBaseSeconds ({RetryBaseSeconds})."
        : DigestCheckSeconds is < 1 or > 86400 ? $"Setting {Section}:DigestCheckSeconds is {DigestCheckSeconds}; use 1 to 86400."
        : DigestHour is < 0 or > 23 ? $"Setting {Section}:DigestHour is {DigestHour}; use 0 to 23."
        : ClaimSeconds < SendTimeoutSeconds * (QuickRetries + 1) ? $"Setting {Section}:ClaimSeconds is {ClaimSeconds}; use at least SendTimeoutSeconds × (QuickRetries + 1) = {SendTimeoutSeconds * (QuickRetries + 1)}, or a slow send outlives its claim."
        : null;
}
