using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Tests;

/// <summary>Teams knows users through Core's <c>IUserDirectory</c>, never Accounts' internals (UserManager, PortalUser).</summary>
public sealed class AccountsContractTests
{
    [Fact]
    public void Teams_does_not_reference_the_Accounts_module()
    {
        var references = typeof(TeamRoster).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("SalesAcademy.Core", references);
        Assert.DoesNotContain("SalesAcademy.Accounts", references);
        Assert.DoesNotContain("Microsoft.Extensions.Identity.Core", references);
    }
}
