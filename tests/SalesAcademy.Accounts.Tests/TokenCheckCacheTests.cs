using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Accounts.Tests;

/// <summary>
/// How long a node keeps a token's check: a minute while it hears every other node's changes (SQLite: there are none;
/// PostgreSQL: while its LISTEN connection is up), <c>Accounts:Tokens:CheckCache</c> (2 s) while it cannot; and a change to
/// users or tokens drops every entry. (Hearing another node's change over PostgreSQL: <c>ClusterSignalTests</c>.)
/// </summary>
public sealed class TokenCheckCacheTests
{
    private static readonly DateTime T0 = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private static TokenCheckCache Cache(DatabaseProvider provider) => new(Options.Create(new AccessTokenOptions()),
        new ClusterSignal(new DatabaseOptions(provider, "Host=127.0.0.1;Database=none"), NullLogger<ClusterSignal>.Instance));

    private static TokenCheck Check(string id) => new(id, "user-" + id, TokenScope.ReadWrite, "stamp", "concurrency", T0, null);

    /// <summary>
    /// Remembers a check read at <see cref="T0"/> and looks it up at <paramref name="later"/>. Other tests in this process save
    /// users (sign-ins) and so drop every entry now and then: a look that such a change came between is taken again.
    /// </summary>
    private static TokenCheck? RememberedThenFound(TokenCheckCache cache, TimeSpan later)
    {
        for (var attempt = 0; ; attempt++)
        {
            var hash = Guid.NewGuid().ToString("N");
            var before = TokenCheckCache.Changes;
            cache.Remember(hash, Check(hash), before, T0);
            var found = cache.Find(hash, T0 + later);
            if (TokenCheckCache.Changes == before || attempt == 20) return found;
        }
    }

    [Fact]
    public void A_node_that_hears_every_change_keeps_a_check_for_a_minute()
    {
        var cache = Cache(DatabaseProvider.Sqlite); // one process owns the database: nothing can change unheard
        Assert.NotNull(RememberedThenFound(cache, TimeSpan.FromSeconds(59)));
        Assert.Null(RememberedThenFound(cache, TimeSpan.FromSeconds(61)));
    }

    [Fact]
    public void A_node_that_cannot_hear_the_others_keeps_a_check_for_the_configured_seconds_only()
    {
        var cache = Cache(DatabaseProvider.Postgres); // its listening connection was never opened: it hears nobody
        Assert.NotNull(RememberedThenFound(cache, TimeSpan.FromSeconds(1.9)));
        Assert.Null(RememberedThenFound(cache, TimeSpan.FromSeconds(2.1)));
    }

    [Fact]
    public void A_change_to_users_or_tokens_drops_every_check_and_one_read_before_it_is_not_remembered()
    {
        var cache = Cache(DatabaseProvider.Sqlite);
        var before = TokenCheckCache.Changes;
        cache.Remember("a", Check("a"), before, T0);
        TokenCheckCache.AccountsChanged();
        Assert.Null(cache.Find("a", T0 + TimeSpan.FromSeconds(1)));
        cache.Remember("b", Check("b"), before, T0); // read before the change, remembered after it
        Assert.Null(cache.Find("b", T0 + TimeSpan.FromSeconds(1)));
    }
}
