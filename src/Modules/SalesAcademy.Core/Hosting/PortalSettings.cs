using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Hosting;

/// <summary>What a module's ConfigureServices may read: configuration, environment, resolved options.</summary>
public sealed record PortalSettings(IConfiguration Configuration, IHostEnvironment Environment, PortalOptions Portal, DatabaseOptions Database);
