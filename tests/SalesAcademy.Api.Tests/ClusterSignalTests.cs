using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>
/// On PostgreSQL a node hears what another node changed at once (LISTEN/NOTIFY on the shared database), so it may keep a
/// token's check for a minute: a token another node revokes is refused here as soon as the notice arrives. "Another node"
/// is a connection of its own writing to the database, not this process's services.
/// </summary>
public sealed class ClusterSignalTests(PostgresPortal portal) : IClassFixture<PostgresPortal>
{
    private readonly ApiPeople people = new(portal.Factory);

    private ClusterSignal Signal => portal.Factory.Services.GetRequiredService<ClusterSignal>();

    private async Task ListeningAsync()
    {
        _ = portal.Factory.Services; // the host (and its listener) is started
        for (var i = 0; i < 150 && !Signal.HearsOthers; i++) await Task.Delay(100);
        Assert.True(Signal.HearsOthers, "the node never started listening");
        // An operator sees it among the database check's details.
        using var http = portal.Factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Health-Token", TestUsers.HealthToken);
        var health = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/health"))!;
        Assert.Equal(true, (bool?)health["checks"]?["database"]?["data"]?["hearsOtherNodes"]);
    }

    private NpgsqlConnection OtherNode() =>
        new(portal.Factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString);

    [Fact]
    public async Task A_notice_sent_from_another_connection_is_heard_when_its_transaction_commits_and_never_when_it_rolls_back()
    {
        await ListeningAsync();
        var topic = "test-" + Guid.NewGuid().ToString("N");
        var heard = 0;
        Signal.Subscribe(topic, () => Interlocked.Increment(ref heard));

        await using var other = OtherNode();
        await other.OpenAsync();
        await using (var rolledBack = await other.BeginTransactionAsync())
        {
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{ClusterSignal.Channel}', '{topic}')", other, rolledBack);
            await notify.ExecuteNonQueryAsync();
            await rolledBack.RollbackAsync();
        }
        await using (var committed = await other.BeginTransactionAsync())
        {
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{ClusterSignal.Channel}', '{topic}')", other, committed);
            await notify.ExecuteNonQueryAsync();
            await committed.CommitAsync();
        }
        for (var i = 0; i < 100 && Volatile.Read(ref heard) == 0; i++) await Task.Delay(50);
        await Task.Delay(200); // a second notice, had the rolled-back one been sent, would be here by now
        Assert.Equal(1, Volatile.Read(ref heard));
    }

    [Fact]
    public async Task A_token_another_node_revokes_is_refused_here_within_moments_not_after_the_minute_its_check_is_kept()
    {
        await ListeningAsync();
        var rep = await people.NewAsync(PortalRoles.Rep);
        await (await people.GetAsync(rep, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK); // its check is remembered

        // The other node revokes it the way the portal does: the UPDATE and its notice in one transaction.
        var options = new DbContextOptionsBuilder<PostgresAccountsDbContext>();
        PortalDbContextRegistration.ConfigurePostgres(options, portal.Factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString,
            AccountsDbContext.MigrationsTable);
        await using (var otherNode = new PostgresAccountsDbContext(options.Options))
            Assert.Equal(1, await ClusterSignal.WriteAndSendAsync(otherNode, TokenCheckCache.Topic, () => otherNode.AccessTokens
                .Where(t => t.Id == rep.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, DateTime.UtcNow))));

        var status = HttpStatusCode.OK;
        for (var i = 0; i < 50 && status == HttpStatusCode.OK; i++)
        {
            status = (await people.GetAsync(rep, "/api/v1/users/me")).StatusCode;
            if (status == HttpStatusCode.OK) await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
