using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Hosting;

/// <summary>A command-line verb of the host (<c>dotnet run --project src/Portal -- content import dir</c>), registered by a module.</summary>
public interface IPortalCommand
{
    string Name { get; }
    /// <summary>One line per verb, e.g. "content import &lt;dir&gt;".</summary>
    IReadOnlyList<string> Usage { get; }
    bool NeedsDatabase(IReadOnlyList<string> args);
    Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken);
}

public static class PortalCommands
{
    /// <summary>Splits <c>content import dir --Key=Value</c> into the command words and the configuration arguments.</summary>
    public static (string[] Command, string[] Options) Split(string[] args)
    {
        var count = 0;
        while (count < args.Length && !args[count].StartsWith('-')) count++;
        return (args[..count], args[count..]);
    }

    /// <summary>Runs a command (after migrations when it needs the database) and returns its exit code.</summary>
    public static async Task<int> RunCommandAsync(this WebApplication app, string[] command, TextWriter output)
    {
        var commands = app.Services.GetServices<IPortalCommand>().ToList();
        var match = commands.FirstOrDefault(c => c.Name.Equals(command[0], StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            await output.WriteLineAsync($"Unknown command '{command[0]}'. Commands:");
            foreach (var line in commands.SelectMany(c => c.Usage)) await output.WriteLineAsync($"  {line}");
            return 2;
        }
        var args = command[1..];
        app.Services.ValidateSettings();
        if (match.NeedsDatabase(args)) await app.Services.RunStartupStepsAsync(StartupStepOrder.Seed - 1);
        await using var scope = app.Services.CreateAsyncScope();
        return await match.RunAsync(args, scope.ServiceProvider, output, CancellationToken.None);
    }
}
