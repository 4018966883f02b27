using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Content.Import;

/// <summary><c>content validate|import|export &lt;dir&gt;</c>.</summary>
internal sealed class ContentCommand : IPortalCommand
{
    public string Name => "content";
    public IReadOnlyList<string> Usage { get; } =
    [
        "content validate <dir>   check a content folder without touching the database",
        "content import <dir>     import a content folder (idempotent)",
        "content export <dir>     write every published item and the taxonomy to a folder",
    ];

    public bool NeedsDatabase(IReadOnlyList<string> args) => args.Count > 0 && args[0] is "import" or "export";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (args.Count != 2 || args[0] is not ("validate" or "import" or "export"))
        {
            await output.WriteLineAsync("Usage:");
            foreach (var line in Usage) await output.WriteLineAsync($"  {line}");
            return 2;
        }
        var directory = Path.GetFullPath(args[1]);
        switch (args[0])
        {
            case "validate":
            {
                var folder = services.GetRequiredService<ContentFolderReader>().Read(directory);
                var errors = folder.AllErrors.ToList();
                foreach (var error in errors) await output.WriteLineAsync($"error    {error}");
                await output.WriteLineAsync($"{folder.Files.Count(f => f.IsValid)} valid, {folder.Files.Count(f => !f.IsValid)} invalid files; {folder.Terms.Count} taxonomy terms");
                return errors.Count == 0 ? 0 : 1;
            }
            case "import":
            {
                var report = await services.GetRequiredService<ContentImporter>().ImportAsync(directory, ct: ct);
                foreach (var line in report.Lines()) await output.WriteLineAsync(line);
                return report.HasProblems ? 1 : 0;
            }
            default:
            {
                var count = await services.GetRequiredService<ContentExporter>().ExportAsync(directory, ct);
                await output.WriteLineAsync($"exported {count} items to {directory}");
                return 0;
            }
        }
    }
}
