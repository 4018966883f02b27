using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Data;

/// <summary>
/// A scoped service (a DbContext, a service that holds one, or one costly to build such as Identity's UserManager)
/// resolved from the request's scope when first used, not when its holder is built: for services that answer most calls
/// from memory, or need it on a rare path only. Renting a pooled DbContext and returning it at the end of the request
/// cost about 1 % of a signed-in case page each, and the page rented five that its cached answers never touched (session
/// check, audit, comments, "was this helpful", notifications); every API call built a UserManager for the token check,
/// and every answer save the content manager for listeners that run at submit. One instance per holder; every holder in
/// a scope gets the scope's one <typeparamref name="T"/>.
/// </summary>
public sealed class OnDemand<T>(IServiceProvider services) where T : notnull
{
    private T? _value;

    public T Value => _value ??= services.GetRequiredService<T>();

    /// <summary>Whether <see cref="Value"/> has been resolved (for tests).</summary>
    public bool IsResolved => _value is not null;
}
