using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Storage.Tests.Support;
using Npgsql;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>
/// A write that waits on another transaction's row lock and is refused once that transaction commits: under READ
/// COMMITTED its statement's snapshot predates the change, and the store must still report the current version.
/// </summary>
[Collection(PostgresServerGroup.Name)]
public sealed class PostgresConcurrentWriterTests
{
    private readonly PostgresServerFixture _server;
    private string _connectionString = "";

    public PostgresConcurrentWriterTests(PostgresServerFixture server) => _server = server;

    private static StateAddress At(string key) => new("Counter", key, "state");

    private async Task<PostgresGrainStateStore> OpenStoreAsync()
    {
        _connectionString = await _server.CreateDatabaseAsync();
        var store = new PostgresGrainStateStore(_connectionString);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task PostgresGrainStateStore_UpdateBlockedByCommittingWriter_ConflictsWithCommittedVersion()
    {
        await using var store = await OpenStoreAsync();
        await store.WriteAsync([new StateWrite(At("x"), 0, [1])], CancellationToken.None);
        await using var other = await OpenOtherAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await ExecuteAsync(other, transaction, "UPDATE grain_state SET version = 2 WHERE grain_key = 'x'");

        var write = store.WriteAsync([new StateWrite(At("x"), 1, [9])], CancellationToken.None);
        await WaitUntilBlockedAsync();
        await transaction.CommitAsync();

        Assert.Equal([WriteOutcome.Conflict(2)], await write);
    }

    [Fact]
    public async Task PostgresGrainStateStore_CreateBlockedByCommittingCreator_ConflictsWithCommittedVersion()
    {
        await using var store = await OpenStoreAsync();
        await using var other = await OpenOtherAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await ExecuteAsync(other, transaction,
            "INSERT INTO grain_state (grain_type, grain_key, state_name, entry_key, version, payload) VALUES ('Counter', 'y', 'state', '', 1, '\\x01')");

        var write = store.WriteAsync([new StateWrite(At("y"), 0, [9])], CancellationToken.None);
        await WaitUntilBlockedAsync();
        await transaction.CommitAsync();

        Assert.Equal([WriteOutcome.Conflict(1)], await write);
        Assert.Equal([1], (await store.ReadAsync(At("y"), CancellationToken.None))!.Payload);
    }

    private async Task<NpgsqlConnection> OpenOtherAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private Task WaitUntilBlockedAsync() => Eventually.HoldsAsync(async () =>
    {
        await using var connection = await OpenOtherAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }, "the store's write waits on the other transaction's lock");
}
