namespace SalesAcademy.Core.Hosting;

public enum NavigationArea { Main, Admin, Account, Anonymous }

/// <summary>
/// A link a module adds to the theme's header: main navigation, the admin menu, the signed-in user's
/// menu, or the links shown to anonymous visitors. The theme shows it when the user passes the policy.
/// </summary>
/// <param name="Text">English text; the theme localizes it.</param>
public sealed record NavigationItem(NavigationArea Area, string Text, string Href, int Order = 0, string? Policy = null);

/// <summary>
/// A per-user live link in the signed-in user's part of the header (e.g. unread notifications). The header is
/// cached per reader for a minute, so the theme renders a plain link to <paramref name="Href"/> and htmx replaces
/// its content with the fragment at <paramref name="FragmentUrl"/> once the page has loaded (and every minute).
/// </summary>
/// <param name="Text">English text of the plain link; the theme localizes it.</param>
/// <param name="Policy">Shown only to users who pass it (e.g. the reviewers' queue count); null: every signed-in user.</param>
public sealed record HeaderIndicator(string Text, string Href, string FragmentUrl, int Order = 0, string? Policy = null);
