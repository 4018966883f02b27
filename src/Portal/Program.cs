using SalesAcademy.Core.Hosting;
using SalesAcademy.Portal;

// `dotnet run --project src/Portal` serves the portal; `... -- content import <dir>` runs a command.
var (command, options) = PortalCommands.Split(args);
var builder = WebApplication.CreateBuilder(options);
builder.AddPortal(PortalModules.All());

var app = builder.Build();
if (command.Length > 0) return await app.RunCommandAsync(command, Console.Out);

await app.UsePortalAsync();
await app.RunAsync();
return 0;

public partial class Program;
