using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Sqlite;
using Mesos.Orleans.Storage.Tests.Conformance;
using Mesos.Orleans.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Sqlite;

/// <summary>The conformance suite on SQLite files, plus what only SQLite has (journal mode, group commit).</summary>
public sealed class SqliteGrainStateStoreTests : GrainStateStoreConformance, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override IReadOnlyList<int> KnownMigrations => [.. SqliteSchema.Migrations.Select(m => m.Version)];

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(_directory.File($"nested/dir/{Guid.NewGuid():N}.db"));

    protected override IGrainStateStore CreateStore(string location) => new SqliteGrainStateStore(location);

    protected override async Task<IReadOnlyList<int>> ReadAppliedMigrationsAsync(string location)
    {
        await using var connection = new SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SqliteGrainStateStore_Initialize_SetsWalJournalMode()
    {
        await using var connection = new SqliteConnection($"Data Source={Location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task SqliteGrainStateStore_ManyConcurrentBatches_EachAllOrNothing()
    {
        // Group commit shares a transaction between queued batches; each must still get its own outcomes.
        var batches = Enumerable.Range(0, 200).Select(b => (IReadOnlyList<StateWrite>)
        [
            new StateWrite(At($"k{b}"), 0, Bytes($"{b}")),
            new StateWrite(At("contended"), 0, Bytes($"{b}")),
        ]).ToArray();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => Store.WriteAsync(batch, CancellationToken.None))));

        Assert.All(results, outcomes => Assert.Equal(WriteOutcome.Success(1), outcomes[0]));
        var winner = Assert.Single(results, outcomes => outcomes[1].Applied);
        Assert.All(results.Where(r => r != winner), outcomes => Assert.Equal(WriteOutcome.Conflict(1), outcomes[1]));
        Assert.Equal(201, (await Store.ListGrainKeysAsync("Counter", "state", CancellationToken.None)).Count); // k0..k199 and "contended"
    }

    [Theory]
    [InlineData(SqliteSynchronousMode.Full, 2L)]
    [InlineData(SqliteSynchronousMode.Normal, 1L)]
    public void SqliteConnections_Writer_UsesConfiguredSynchronousLevel(SqliteSynchronousMode mode, long pragmaValue)
    {
        using var connection = SqliteConnections.OpenWriter(Location, new SqliteStoreOptions { Synchronous = mode });
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(pragmaValue, command.ExecuteScalar());
    }

    [Fact]
    public async Task SqliteGrainStateStore_WriteAfterDispose_ThrowsObjectDisposed()
    {
        await DisposeStoreAsync(Store);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.WriteAsync([new StateWrite(At("a"), 0, Bytes("x"))], CancellationToken.None));
    }
}
