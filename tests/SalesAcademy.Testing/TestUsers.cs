namespace SalesAcademy.Testing;

/// <summary>The administrator every test portal is set up with (from configuration, as an operator would).</summary>
public static class TestUsers
{
    public const string AdminEmail = "admin@salesacademy.test";
    public const string AdminPassword = "Iron-triangle 2026 admin";
    public const string AdminApiToken = "sa_test_admin_token_0123456789abcdefghijklmnop";
}
