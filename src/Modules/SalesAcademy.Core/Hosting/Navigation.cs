namespace SalesAcademy.Core.Hosting;

public enum NavigationArea { Main, Admin, Account, Anonymous }

/// <summary>
/// A link a module adds to the theme's header: main navigation, the admin menu, the signed-in user's
/// menu, or the links shown to anonymous visitors. The theme shows it when the user passes the policy.
/// </summary>
/// <param name="Text">English text; the theme localizes it.</param>
public sealed record NavigationItem(NavigationArea Area, string Text, string Href, int Order = 0, string? Policy = null);
