using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Data;

/// <summary>
/// A scoped service (a DbContext, or a service that holds one) resolved from the request's scope when first used, not
/// when its holder is built: for services that answer most calls from memory and need the database only on a miss.
/// Renting a pooled DbContext and returning it at the end of the request cost about 1 % of a signed-in case page each,
/// and the page rented five that its cached answers never touched (session check, audit, comments, "was this helpful",
/// notifications). One instance per holder; every holder in a scope gets the scope's one <typeparamref name="T"/>.
/// </summary>
public sealed class OnDemand<T>(IServiceProvider services) where T : notnull
{
    private T? _value;

    public T Value => _value ??= services.GetRequiredService<T>();

    /// <summary>Whether <see cref="Value"/> has been resolved (for tests).</summary>
    public bool IsResolved => _value is not null;
}
