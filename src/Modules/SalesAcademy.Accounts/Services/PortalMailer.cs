using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Notifications;

namespace SalesAcademy.Accounts.Services;

/// <summary>The <c>Mail</c> configuration section. Without a host, messages go to the pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>None, Auto, SslOnConnect or StartTls.</summary>
    public string Security { get; set; } = "Auto";
    public string From { get; set; } = "SalesAcademy <no-reply@localhost>";
}

/// <summary>
/// Sends e-mail through MailKit to the configured SMTP server; with none configured it writes each
/// message as an .eml file to &lt;data&gt;/mail-pickup, so a new install works without SMTP.
/// </summary>
public sealed class PortalMailer(IOptions<MailOptions> mailOptions, PortalOptions portal, ILogger<PortalMailer> logger) : IPortalMail
{
    private readonly MailOptions options = mailOptions.Value;

    public string PickupDirectory { get; } = Path.Combine(portal.DataDir, "mail-pickup");
    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(options.Host);

    public Task SendAsync(string to, string subject, string text, CancellationToken ct = default) => SendAsync(to, subject, text, null, ct);

    /// <summary>Plain text, plus an HTML alternative when <paramref name="html"/> is given (its user text already encoded).</summary>
    public async Task SendAsync(string to, string subject, string text, string? html, CancellationToken ct = default)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = html is null
            ? new TextPart("plain") { Text = text }
            : new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();

        if (UsesPickupFolder)
        {
            Directory.CreateDirectory(PickupDirectory);
            var path = Path.Combine(PickupDirectory, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, ct);
            logger.LogInformation("No SMTP server configured: wrote '{Subject}' for {To} to {Path}", subject, to, path);
            return;
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host!, options.Port, Enum.Parse<SecureSocketOptions>(options.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
