namespace SalesAcademy.Core.Modules;

/// <summary>The host's module list, ordered so that every module comes after the modules it needs.</summary>
public sealed class ModuleCatalog
{
    public IReadOnlyList<PortalModule> Modules { get; }

    public ModuleCatalog(IEnumerable<PortalModule> modules) => Modules = Sort(modules.ToList());

    private static List<PortalModule> Sort(List<PortalModule> modules)
    {
        var byId = new Dictionary<string, PortalModule>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in modules)
        {
            if (!byId.TryAdd(module.Manifest.Id, module))
                throw new ModuleConfigurationException($"Module '{module.Manifest.Id}' is registered twice.");
        }

        var missing = modules
            .SelectMany(m => m.Manifest.Dependencies.Where(d => !byId.ContainsKey(d)).Select(d => $"'{m.Manifest.Id}' needs '{d}'"))
            .ToList();
        if (missing.Count > 0)
            throw new ModuleConfigurationException($"Missing module dependencies: {string.Join("; ", missing)}. Register the missing modules in the host.");

        // Depth-first topological sort in registration order, so the result is stable.
        var sorted = new List<PortalModule>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false = visiting, true = done
        var path = new Stack<string>();

        void Visit(PortalModule module)
        {
            var id = module.Manifest.Id;
            if (state.TryGetValue(id, out var done))
            {
                if (done) return;
                var cycle = path.Reverse().SkipWhile(p => !p.Equals(id, StringComparison.OrdinalIgnoreCase)).Append(id);
                throw new ModuleConfigurationException($"Circular module dependency: {string.Join(" -> ", cycle)}.");
            }
            state[id] = false;
            path.Push(id);
            foreach (var dependency in module.Manifest.Dependencies) Visit(byId[dependency]);
            path.Pop();
            state[id] = true;
            sorted.Add(module);
        }

        foreach (var module in modules) Visit(module);
        return sorted;
    }
}

public sealed class ModuleConfigurationException(string message) : Exception(message);
