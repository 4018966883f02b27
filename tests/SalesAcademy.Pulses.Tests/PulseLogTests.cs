using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAcademy.Audit.Data;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Pulses.Tests;

/// <summary>
/// Answering and closing write no log line and no audit entry that names who answered: the portal logs everything
/// (Trace) while members answer, change their answers and the pulse closes, and no line holds a member's id or e-mail.
/// </summary>
public sealed class PulseLogTests
{
    private sealed class CapturingPortal(TestDatabase database, ConcurrentQueue<string> lines)
        : PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new Provider(lines)));
        }
    }

    private sealed class Provider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }

    [Fact]
    public async Task No_log_line_or_audit_entry_names_who_answered()
    {
        var lines = new ConcurrentQueue<string>();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CapturingPortal(database, lines);
        factory.StartServer();
        var world = new PulseWorld(factory);
        var team = await world.TeamAsync(3);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        var auditBefore = await AuditCountAsync(factory);
        lines.Clear(); // opening tells the members by name; what follows must not name anyone

        foreach (var member in team.Members) await (await world.AnswerAsync(member, pulseId, _ => 4)).JsonAsync(HttpStatusCode.OK);
        await (await world.AnswerAsync(team.Members[0], pulseId, _ => 2)).JsonAsync(HttpStatusCode.OK);
        await world.CloseAsync(run);
        await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{pulseId}/results")).JsonAsync(HttpStatusCode.OK);

        Assert.True(lines.Count > 20, $"only {lines.Count} log lines were captured"); // the capture works
        var who = team.Members.SelectMany(m => new[] { m.Id, m.Email }).ToList();
        var naming = lines.Where(line => who.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(naming.Count == 0, "log lines naming a member:\n" + string.Join("\n", naming.Take(10)));
        Assert.Equal(auditBefore, await AuditCountAsync(factory));
    }

    private static async Task<int> AuditCountAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.CountAsync();
    }
}
