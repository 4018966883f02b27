using SalesAcademy.Core.Modules;

namespace SalesAcademy.Core.Tests;

public sealed class ModuleCatalogTests
{
    private sealed class TestModule(string id, params string[] dependencies) : PortalModule
    {
        public override ModuleManifest Manifest { get; } = new(id, id, $"test module {id}", dependencies);
    }

    [Fact]
    public void Orders_modules_after_their_dependencies_keeping_registration_order_otherwise()
    {
        PortalModule[] modules =
        [
            new TestModule("portal", "theme", "content"), new TestModule("core"), new TestModule("cases", "content"),
            new TestModule("content", "core"), new TestModule("theme"),
        ];
        var sorted = new ModuleCatalog(modules).Modules;

        // Depth-first in registration order: portal pulls in theme, then content (which pulls in core).
        Assert.Equal("theme,core,content,portal,cases", string.Join(",", sorted.Select(m => m.Manifest.Id)));
        foreach (var module in sorted)
        foreach (var dependency in module.Manifest.Dependencies)
            Assert.True(sorted.ToList().FindIndex(m => m.Manifest.Id == dependency) < sorted.ToList().IndexOf(module),
                $"{module.Manifest.Id} must come after {dependency}");
    }

    [Fact]
    public void Missing_dependency_stops_start_up_naming_both_modules()
    {
        var ex = Assert.Throws<ModuleConfigurationException>(() => new ModuleCatalog([new TestModule("cases", "content"), new TestModule("core")]));
        Assert.Contains("'cases' needs 'content'", ex.Message);
    }

    [Fact]
    public void Circular_dependency_stops_start_up_naming_the_cycle()
    {
        var ex = Assert.Throws<ModuleConfigurationException>(() =>
            new ModuleCatalog([new TestModule("a", "b"), new TestModule("b", "c"), new TestModule("c", "a")]));
        Assert.Contains("Circular module dependency: a -> b -> c -> a", ex.Message);
    }

    [Fact]
    public void A_module_registered_twice_is_refused()
    {
        var ex = Assert.Throws<ModuleConfigurationException>(() => new ModuleCatalog([new TestModule("a"), new TestModule("A")]));
        Assert.Contains("'A' is registered twice", ex.Message);
    }
}
