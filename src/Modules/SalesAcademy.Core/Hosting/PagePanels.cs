namespace SalesAcademy.Core.Hosting;

/// <summary>
/// A panel a module adds to a user's profile page (<c>/account/profile</c>): the name of its view component, invoked with
/// <c>new { userId }</c> (the profile's owner), ordered by <paramref name="Order"/>. The component decides who may see it and
/// renders nothing when it has nothing to say.
/// </summary>
public sealed record ProfilePanel(string Component, int Order = 0);

/// <summary>
/// A panel a module adds to a team's page (<c>/teams/{id}</c>): the name of its view component, invoked with <c>new { teamId }</c>,
/// ordered by <paramref name="Order"/>. The page shows it to whoever may see the team; the component decides what (if anything)
/// the reader may see and renders nothing otherwise.
/// </summary>
public sealed record TeamPanel(string Component, int Order = 0);
