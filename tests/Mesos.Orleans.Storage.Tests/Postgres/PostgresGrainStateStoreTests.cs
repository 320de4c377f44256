using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Storage.Tests.Conformance;
using Npgsql;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>The conformance suite on a real PostgreSQL server, one database per test.</summary>
[Collection(PostgresServerGroup.Name)]
public sealed class PostgresGrainStateStoreTests : GrainStateStoreConformance
{
    private readonly PostgresServerFixture _server;

    public PostgresGrainStateStoreTests(PostgresServerFixture server) => _server = server;

    protected override IReadOnlyList<int> KnownMigrations => [.. PostgresSchema.Migrations.Select(m => m.Version)];

    protected override Task<string> CreateDatabaseAsync() => _server.CreateDatabaseAsync();

    protected override IGrainStateStore CreateStore(string location) => new PostgresGrainStateStore(location);

    protected override async Task<IReadOnlyList<int>> ReadAppliedMigrationsAsync(string location)
    {
        await using var connection = new NpgsqlConnection(location);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    [Fact]
    public async Task PostgresGrainStateStore_SmallRoundTrips_KeepBatchInOneTransaction()
    {
        // Several round trips per batch: a conflict in a later chunk must not stop, or undo, earlier chunks.
        await using var store = new PostgresGrainStateStore(Location, new PostgresStoreOptions { MaxStatementsPerRoundTrip = 3 });
        await store.InitializeAsync(CancellationToken.None);
        await WriteOneAsync(new StateWrite(At("k7"), 0, Bytes("exists")));

        var outcomes = await store.WriteAsync(
            [.. Enumerable.Range(0, 10).Select(i => new StateWrite(At($"k{i}"), 0, Bytes($"{i}")))], CancellationToken.None);

        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => i == 7 ? WriteOutcome.Conflict(1) : WriteOutcome.Success(1))], outcomes);
        Assert.Equal(10, (await store.ListGrainKeysAsync("Counter", "state", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task PostgresGrainStateStore_CommittedTransaction_ReportsCommittedStatus()
    {
        // The lost-COMMIT-reply path asks txid_status; check the server answers as the store expects.
        await using var dataSource = NpgsqlDataSource.Create(Location);
        long committed;
        long rolledBack;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var commit = await connection.BeginTransactionAsync();
            committed = (long)(await new NpgsqlCommand("SELECT txid_current()", connection, commit).ExecuteScalarAsync())!;
            await commit.CommitAsync();
            await using var rollback = await connection.BeginTransactionAsync();
            rolledBack = (long)(await new NpgsqlCommand("SELECT txid_current()", connection, rollback).ExecuteScalarAsync())!;
            await rollback.RollbackAsync();
        }

        Assert.Equal("committed", await PostgresTransactionStatus.QueryAsync(dataSource, committed, CancellationToken.None));
        Assert.Equal("aborted", await PostgresTransactionStatus.QueryAsync(dataSource, rolledBack, CancellationToken.None));
    }
}
