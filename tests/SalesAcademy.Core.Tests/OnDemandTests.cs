using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Tests;

/// <summary>
/// Issue 13 §2: services that answer from memory (the session check, a comment thread, "was this helpful?") take their
/// DbContext through <see cref="OnDemand{T}"/>, so a request they answer from a cache rents none from the pool.
/// </summary>
public sealed class OnDemandTests
{
    private sealed class Expensive
    {
        public static int Built;
        public Expensive() => Interlocked.Increment(ref Built);
    }

    private sealed class CachedReader(OnDemand<Expensive> data)
    {
        public Expensive? Read(bool cached) => cached ? null : data.Value;
    }

    [Fact]
    public void The_service_is_built_only_when_a_holder_needs_it_and_then_once_per_scope()
    {
        var services = new ServiceCollection();
        services.AddScoped<Expensive>();
        services.AddTransient(typeof(OnDemand<>));
        services.AddScoped<CachedReader>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Expensive.Built = 0;

        using (var scope = provider.CreateScope())
        {
            var reader = scope.ServiceProvider.GetRequiredService<CachedReader>();
            Assert.Null(reader.Read(cached: true));
            Assert.Equal(0, Expensive.Built); // answered from memory: nothing built

            var first = reader.Read(cached: false);
            var other = scope.ServiceProvider.GetRequiredService<OnDemand<Expensive>>();
            Assert.False(other.IsResolved);
            Assert.Same(first, other.Value); // the scope's one instance, as if it had been injected
            Assert.Same(first, scope.ServiceProvider.GetRequiredService<Expensive>());
            Assert.Equal(1, Expensive.Built);
        }
        using (var scope = provider.CreateScope())
            Assert.True(scope.ServiceProvider.GetRequiredService<OnDemand<Expensive>>().Value is not null);
        Assert.Equal(2, Expensive.Built); // a new scope, a new one
    }
}
