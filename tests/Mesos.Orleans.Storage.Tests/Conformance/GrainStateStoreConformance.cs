using System.Text;
using Mesos.Orleans.Runtime.Storage;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Conformance;

/// <summary>
/// The behaviour every <see cref="IGrainStateStore"/> engine must have, as Orleans' Persistence.TestKit does it:
/// one abstract suite, one small subclass per engine. Each test gets a fresh database.
/// </summary>
public abstract partial class GrainStateStoreConformance : IAsyncLifetime
{
    private readonly List<IGrainStateStore> _stores = [];

    /// <summary>Where this test's database lives (a file path or a connection string).</summary>
    protected string Location { get; private set; } = "";

    /// <summary>An initialized store on <see cref="Location"/>.</summary>
    protected IGrainStateStore Store { get; private set; } = null!;

    /// <summary>Creates an empty database and returns its location.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>A new, uninitialized store instance on the database at <paramref name="location"/>.</summary>
    protected abstract IGrainStateStore CreateStore(string location);

    /// <summary>The versions recorded in the database's <c>schema_migrations</c> table, ascending.</summary>
    protected abstract Task<IReadOnlyList<int>> ReadAppliedMigrationsAsync(string location);

    /// <summary>The versions of the engine's migration list.</summary>
    protected abstract IReadOnlyList<int> KnownMigrations { get; }

    public async Task InitializeAsync()
    {
        Location = await CreateDatabaseAsync();
        Store = await OpenAsync(Location);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await DisposeStoreAsync(store);
        }
    }

    /// <summary>Creates and initializes a store on <paramref name="location"/>; it is disposed after the test.</summary>
    protected async Task<IGrainStateStore> OpenAsync(string location)
    {
        var store = CreateStore(location);
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected static async Task DisposeStoreAsync(IGrainStateStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    protected static StateAddress At(string key, string entry = "", string type = "Counter", string state = "state") => new(type, key, state, entry);

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected async Task<WriteOutcome> WriteOneAsync(StateWrite write) => Assert.Single(await Store.WriteAsync([write], CancellationToken.None));

    [Fact]
    public async Task ReadAsync_MissingRow_ReturnsNull()
    {
        Assert.Null(await Store.ReadAsync(At("nobody"), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_Create_ReadsBackAtVersionOne()
    {
        var address = At("c1");

        var outcome = await WriteOneAsync(new StateWrite(address, 0, Bytes("hello")));

        Assert.Equal(WriteOutcome.Success(1), outcome);
        var stored = await Store.ReadAsync(address, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(address, stored.Address);
        Assert.Equal(1, stored.Version);
        Assert.Equal(Bytes("hello"), stored.Payload);
    }

    [Fact]
    public async Task WriteAsync_Updates_IncrementVersionByOne()
    {
        var address = At("c1");
        await WriteOneAsync(new StateWrite(address, 0, Bytes("v1")));

        Assert.Equal(WriteOutcome.Success(2), await WriteOneAsync(new StateWrite(address, 1, Bytes("v2"))));
        Assert.Equal(WriteOutcome.Success(3), await WriteOneAsync(new StateWrite(address, 2, Bytes("v3"))));

        var stored = await Store.ReadAsync(address, CancellationToken.None);
        Assert.Equal(3, stored!.Version);
        Assert.Equal(Bytes("v3"), stored.Payload);
    }

    [Fact]
    public async Task WriteAsync_CreateOverExistingRow_ConflictsWithCurrentVersion()
    {
        var address = At("c1");
        await WriteOneAsync(new StateWrite(address, 0, Bytes("v1")));
        await WriteOneAsync(new StateWrite(address, 1, Bytes("v2")));

        var outcome = await WriteOneAsync(new StateWrite(address, 0, Bytes("again")));

        Assert.Equal(WriteOutcome.Conflict(2), outcome);
        Assert.Equal(Bytes("v2"), (await Store.ReadAsync(address, CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_UpdateWithStaleVersion_ConflictsAndKeepsRow()
    {
        var address = At("c1");
        await WriteOneAsync(new StateWrite(address, 0, Bytes("v1")));
        await WriteOneAsync(new StateWrite(address, 1, Bytes("v2")));

        var outcome = await WriteOneAsync(new StateWrite(address, 1, Bytes("stale")));

        Assert.Equal(WriteOutcome.Conflict(2), outcome);
        var stored = await Store.ReadAsync(address, CancellationToken.None);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(Bytes("v2"), stored.Payload);
    }

    [Fact]
    public async Task WriteAsync_UpdateOfMissingRow_ConflictsWithVersionZero()
    {
        var outcome = await WriteOneAsync(new StateWrite(At("ghost"), 3, Bytes("x")));

        Assert.Equal(WriteOutcome.Conflict(0), outcome);
        Assert.Null(await Store.ReadAsync(At("ghost"), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_DeleteWithMatchingVersion_RemovesRow()
    {
        var address = At("c1");
        await WriteOneAsync(new StateWrite(address, 0, Bytes("v1")));
        await WriteOneAsync(new StateWrite(address, 1, Bytes("v2")));

        var outcome = await WriteOneAsync(new StateWrite(address, 2, null));

        Assert.Equal(WriteOutcome.Success(0), outcome);
        Assert.Null(await Store.ReadAsync(address, CancellationToken.None));
        // A deleted row is gone: creating it again starts over at version 1.
        Assert.Equal(WriteOutcome.Success(1), await WriteOneAsync(new StateWrite(address, 0, Bytes("reborn"))));
    }

    [Fact]
    public async Task WriteAsync_DeleteWithWrongVersion_ConflictsAndKeepsRow()
    {
        var address = At("c1");
        await WriteOneAsync(new StateWrite(address, 0, Bytes("v1")));

        Assert.Equal(WriteOutcome.Conflict(1), await WriteOneAsync(new StateWrite(address, 5, null)));
        Assert.Equal(WriteOutcome.Conflict(1), await WriteOneAsync(new StateWrite(address, 0, null)));
        Assert.Equal(1, (await Store.ReadAsync(address, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task WriteAsync_DeleteOfMissingRowExpectingNone_Succeeds()
    {
        Assert.Equal(WriteOutcome.Success(0), await WriteOneAsync(new StateWrite(At("ghost"), 0, null)));
    }

    [Fact]
    public async Task WriteAsync_DeleteOfMissingRowExpectingVersion_ConflictsWithVersionZero()
    {
        Assert.Equal(WriteOutcome.Conflict(0), await WriteOneAsync(new StateWrite(At("ghost"), 4, null)));
    }

    [Fact]
    public async Task WriteAsync_BatchWithOneConflict_AppliesTheOthers()
    {
        await WriteOneAsync(new StateWrite(At("b"), 0, Bytes("b1")));
        await WriteOneAsync(new StateWrite(At("b"), 1, Bytes("b2")));
        await WriteOneAsync(new StateWrite(At("d"), 0, Bytes("d1")));

        var outcomes = await Store.WriteAsync(
        [
            new StateWrite(At("a"), 0, Bytes("a1")),
            new StateWrite(At("b"), 1, Bytes("stale")),
            new StateWrite(At("c"), 0, Bytes("c1")),
            new StateWrite(At("d"), 1, null),
        ], CancellationToken.None);

        Assert.Equal([WriteOutcome.Success(1), WriteOutcome.Conflict(2), WriteOutcome.Success(1), WriteOutcome.Success(0)], outcomes);
        Assert.Equal(Bytes("a1"), (await Store.ReadAsync(At("a"), CancellationToken.None))!.Payload);
        Assert.Equal(Bytes("b2"), (await Store.ReadAsync(At("b"), CancellationToken.None))!.Payload);
        Assert.Equal(Bytes("c1"), (await Store.ReadAsync(At("c"), CancellationToken.None))!.Payload);
        Assert.Null(await Store.ReadAsync(At("d"), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_SameRowTwiceInBatch_AppliesInOrder()
    {
        var address = At("x");

        var outcomes = await Store.WriteAsync(
        [
            new StateWrite(At("z"), 0, Bytes("other")),
            new StateWrite(address, 0, Bytes("v1")),
            new StateWrite(address, 1, Bytes("v2")),
            new StateWrite(address, 1, Bytes("stale")),
            new StateWrite(address, 2, Bytes("v3")),
        ], CancellationToken.None);

        Assert.Equal(
            // The conflict reports the version the row had when that write ran, not the batch's final one.
            [WriteOutcome.Success(1), WriteOutcome.Success(1), WriteOutcome.Success(2), WriteOutcome.Conflict(2), WriteOutcome.Success(3)],
            outcomes);
        var stored = await Store.ReadAsync(address, CancellationToken.None);
        Assert.Equal(3, stored!.Version);
        Assert.Equal(Bytes("v3"), stored.Payload);
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_ReturnsNoOutcomes()
    {
        Assert.Empty(await Store.WriteAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_NegativeExpectedVersion_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.WriteAsync([new StateWrite(At("a"), -1, Bytes("x"))], CancellationToken.None));
        Assert.Null(await Store.ReadAsync(At("a"), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_AddressWithNulCharacter_ThrowsAndAppliesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(
            [new StateWrite(At("fine"), 0, Bytes("x")), new StateWrite(At("bad\0key"), 0, Bytes("x"))], CancellationToken.None));

        Assert.Null(await Store.ReadAsync(At("fine"), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforehand_AppliesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync([new StateWrite(At("a"), 0, Bytes("x"))], cancelled.Token));
        Assert.Null(await Store.ReadAsync(At("a"), CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_BeforeInitialize_Throws()
    {
        var store = CreateStore(Location);
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync([new StateWrite(At("a"), 0, Bytes("x"))], CancellationToken.None));
        }
        finally
        {
            await DisposeStoreAsync(store);
        }
    }
}
