using SalesAcademy.CaseLibrary;
using SalesAcademy.Content;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Drills;
using SalesAcademy.Markdown;
using SalesAcademy.Playbooks;
using SalesAcademy.Portal;
using SalesAcademy.Theme;

// `dotnet run --project src/Portal` serves the portal; `... -- content import <dir>` runs a command.
var (command, options) = PortalCommands.Split(args);
var builder = WebApplication.CreateBuilder(options);

builder.AddPortal(
    new HostModule(),
    new ThemeModule(),
    new MarkdownModule(),
    new ContentModule(),
    new CaseLibraryModule(),
    new PlaybooksModule(),
    new DrillsModule());

var app = builder.Build();
if (command.Length > 0) return await app.RunCommandAsync(command, Console.Out);

await app.UsePortalAsync();
await app.RunAsync();
return 0;

public partial class Program;
