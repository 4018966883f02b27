namespace SalesAcademy.Core.Hosting;

/// <summary>
/// A panel a module adds to the home page: the name of its view component (invoked with no arguments, for the
/// signed-in user), ordered by <paramref name="Order"/>. The component renders nothing when it has nothing to say.
/// </summary>
public sealed record HomeWidget(string Component, int Order = 0);
