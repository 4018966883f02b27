namespace SalesAcademy.Core.Hosting;

/// <summary>
/// A panel a module adds below a published content item's page (a case, a playbook, a drill): the name of its view component,
/// invoked with <c>new { contentItemId, contentItemVersionId, contentType }</c> of the version shown, ordered by
/// <paramref name="Order"/>. Rendered outside the page's cached body; the component decides what the reader may see.
/// </summary>
public sealed record ContentPanel(string Component, int Order = 0);
