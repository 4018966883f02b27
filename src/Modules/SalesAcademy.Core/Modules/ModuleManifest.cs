namespace SalesAcademy.Core.Modules;

/// <summary>What a module is and which modules it needs (by id).</summary>
public sealed record ModuleManifest(string Id, string Name, string Description, params string[] Dependencies);
