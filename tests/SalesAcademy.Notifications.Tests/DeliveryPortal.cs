using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Testing;

namespace SalesAcademy.Notifications.Tests;

/// <summary>
/// A portal whose e-mail goes to a real SMTP server on loopback (Debian's python3-aiosmtpd, which ./test.sh installs: without it
/// the fixture fails, it does not skip), whose webhooks may be plain http (the test listener), with fast polls and retries, and
/// whose every log line is kept for the tests to search.
/// </summary>
public abstract class DeliveryPortal(DatabaseProvider provider) : PortalFixture(provider), IAsyncLifetime
{
    public const string ActionKind = "test.action", InfoKind = "test.info";

    public SmtpSink Smtp { get; private set; } = null!;
    public WebhookSink Hooks { get; } = new();
    public LogCapture Logs { get; } = new();

    protected override PortalFactory CreateFactory(TestDatabase database)
    {
        Smtp = SmtpSink.Start();
        return new DeliveryFactory(database, Logs, new Dictionary<string, string?>
        {
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = Smtp.Port.ToString(),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "SalesAcademy <academy@example.test>",
            ["Portal:PublicUrl"] = "https://academy.example.test",
            ["Notifications:Delivery:PollSeconds"] = "0.2",
            ["Notifications:Delivery:QuickRetries"] = "1",
            ["Notifications:Delivery:QuickRetryDelaySeconds"] = "0.05",
            ["Notifications:Delivery:SendTimeoutSeconds"] = "10",
            ["Notifications:Delivery:ClaimSeconds"] = "30",
            ["Notifications:Delivery:RetryBaseSeconds"] = "0.2",
            ["Notifications:Delivery:MaxAttempts"] = "3",
            ["Notifications:Delivery:DigestHour"] = "0",
            ["Notifications:Delivery:AllowHttpWebhooks"] = "true",
            ["Notifications:Delivery:AllowPrivateWebhookAddresses"] = "true", // the listener is on loopback
            // Everything the HTTP client stack and the delivery code could say, so the masking test sees it.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:System.Net.Http"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
            ["Logging:LogLevel:SalesAcademy"] = "Trace",
        });
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        Hooks.Dispose();
    }

    private sealed class DeliveryFactory(TestDatabase database, LogCapture logs, IDictionary<string, string?> overrides)
        : PortalFactory(database, importContent: true, overrides: overrides)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(logs));
            builder.ConfigureServices(s =>
            {
                s.AddNotificationKind(ActionKind, "Test: asks for an action", needsAction: true);
                s.AddNotificationKind(InfoKind, "Test: for your information");
            });
        }
    }
}

public sealed class SqliteDeliveryPortal() : DeliveryPortal(DatabaseProvider.Sqlite);

public sealed class PostgresDeliveryPortal() : DeliveryPortal(DatabaseProvider.Postgres);

/// <summary>python3 -m aiosmtpd with the Maildir handler, on a free loopback port; messages are read back with MimeKit.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    public int Port { get; }

    private SmtpSink(Process process, string dir, int port) => (_process, _dir, Port) = (process, dir, port);

    public static SmtpSink Start()
    {
        // Debian's interpreter: python3-aiosmtpd installs there (another python3 on PATH may lack it).
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var dir = Path.Combine(Path.GetTempPath(), "sa-smtp-" + Guid.NewGuid().ToString("N"));
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(dir, sub)); // a Maildir
        var port = FreePort();
        var start = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", dir])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python} -m aiosmtpd");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the loopback SMTP server did not start (is Debian's python3-aiosmtpd installed? ./test.sh installs it): {errors}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new SmtpSink(process, dir, port);
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_dir, "new");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).OrderBy(File.GetCreationTimeUtc).Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>The messages to one address.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An HTTP listener on loopback that records each webhook post; a path containing <c>fail-twice</c> answers 500 twice first, <c>always-fails</c> always.</summary>
public sealed class WebhookSink : IDisposable
{
    public sealed record Received(string PathAndQuery, string Body, int Status);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();

    public string BaseUrl { get; }

    public WebhookSink()
    {
        var port = SmtpSink.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public IReadOnlyList<Received> All => _received.ToList();

    public IReadOnlyList<Received> For(string pathPart) => _received.Where(r => r.PathAndQuery.Contains(pathPart, StringComparison.Ordinal)).ToList();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.PathAndQuery;
            var hit = _hits.AddOrUpdate(context.Request.Url.AbsolutePath, 1, (_, n) => n + 1);
            var status = path.Contains("always-fails") || path.Contains("fail-twice") && hit <= 2 ? 500 : 200;
            _received.Enqueue(new Received(path, body, status));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var answer = Encoding.UTF8.GetBytes(status == 200 ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{\"error\":\"boom\"}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
    }
}

/// <summary>Keeps every log line (message and exception) the portal writes.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
