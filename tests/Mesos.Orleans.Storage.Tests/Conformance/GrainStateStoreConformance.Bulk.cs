using Mesos.Orleans.Runtime.Storage;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Conformance;

/// <summary>The conformance suite's queries, bulk, concurrency, durability and schema tests.</summary>
public abstract partial class GrainStateStoreConformance
{
    [Fact]
    public async Task ReadEntriesAsync_ReturnsExactlyTheEntriesOfOneState()
    {
        // Neighbours that share prefixes or LIKE wildcards with the target must not leak in.
        await Store.WriteAsync(
        [
            new StateWrite(At("g%", "b"), 0, Bytes("b")),
            new StateWrite(At("g%", "a"), 0, Bytes("a")),
            new StateWrite(At("g%", ""), 0, Bytes("single")),
            new StateWrite(At("g%", "a", state: "state2"), 0, Bytes("other state")),
            new StateWrite(At("g%x", "a"), 0, Bytes("other key")),
            new StateWrite(At("gx", "a"), 0, Bytes("wildcard neighbour")),
            new StateWrite(At("g%", "a", type: "Other"), 0, Bytes("other type")),
        ], CancellationToken.None);

        var entries = await Store.ReadEntriesAsync("Counter", "g%", "state", CancellationToken.None);

        Assert.Equal(["", "a", "b"], entries.Select(e => e.Address.EntryKey).Order(StringComparer.Ordinal));
        var byEntry = entries.ToDictionary(e => e.Address.EntryKey);
        Assert.Equal((At("g%", "a"), 1L), (byEntry["a"].Address, byEntry["a"].Version));
        Assert.Equal(Bytes("a"), byEntry["a"].Payload);
        Assert.Equal(Bytes("b"), byEntry["b"].Payload);
        Assert.Equal(Bytes("single"), byEntry[""].Payload);
        Assert.All(entries, e => Assert.Equal(("Counter", "g%", "state"), (e.Address.GrainType, e.Address.GrainKey, e.Address.StateName)));
    }

    [Fact]
    public async Task ReadEntriesAsync_UnknownState_ReturnsEmpty()
    {
        await WriteOneAsync(new StateWrite(At("g", "a"), 0, Bytes("a")));

        Assert.Empty(await Store.ReadEntriesAsync("Counter", "g", "nothing", CancellationToken.None));
    }

    [Fact]
    public async Task ListGrainKeysAsync_ReturnsEachKeyWithTheStateOnce()
    {
        await Store.WriteAsync(
        [
            new StateWrite(At("a"), 0, Bytes("1")),
            new StateWrite(At("a", "e1"), 0, Bytes("2")),
            new StateWrite(At("a", "e2"), 0, Bytes("3")),
            new StateWrite(At("b_"), 0, Bytes("4")),
            new StateWrite(At("ünïcødé-κλειδί"), 0, Bytes("5")),
            new StateWrite(At("c", state: "state2"), 0, Bytes("other state")),
            new StateWrite(At("d", type: "Other"), 0, Bytes("other type")),
        ], CancellationToken.None);

        var keys = await Store.ListGrainKeysAsync("Counter", "state", CancellationToken.None);

        Assert.Equal(["a", "b_", "ünïcødé-κλειδί"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadGrainTypeAsync_ReturnsEveryRowOfTheType_WithItsAddressAndVersion_AndNoOther()
    {
        await Store.WriteAsync(
        [
            new StateWrite(At("a"), 0, Bytes("1")),
            new StateWrite(At("a", "e1"), 0, Bytes("2")),
            new StateWrite(At("ünïcødé-κλειδί", state: "state2"), 0, Bytes("3")),
            new StateWrite(At("d", type: "Other"), 0, Bytes("other type")),
        ], CancellationToken.None);
        await Store.WriteAsync([new StateWrite(At("a"), 1, Bytes("1 again"))], CancellationToken.None);

        var rows = await Store.ReadGrainTypeAsync("Counter", CancellationToken.None).ToListAsync();

        Assert.Equal(
            [(At("a"), 2L, "1 again"), (At("a", "e1"), 1L, "2"), (At("ünïcødé-κλειδί", state: "state2"), 1L, "3")],
            rows.Select(r => (r.Address, r.Version, System.Text.Encoding.UTF8.GetString(r.Payload))).OrderBy(r => r.Address.ToString(), StringComparer.Ordinal));
        Assert.Empty(await Store.ReadGrainTypeAsync("Nothing", CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task ReadGrainTypeAsync_StreamsEachGrainsRowsTogether()
    {
        // Written interleaved, over several transactions: the rows of a grain must still come one after another.
        var keys = Enumerable.Range(0, 40).Select(i => $"grain-{(i * 7) % 40:00}").ToList();
        foreach (var state in new[] { "state", "items" })
        {
            await Store.WriteAsync([.. keys.Select(k => new StateWrite(At(k, state == "items" ? "entry" : "", state: state), 0, Bytes(k)))], CancellationToken.None);
        }

        var order = await Store.ReadGrainTypeAsync("Counter", CancellationToken.None).Select(r => r.Address.GrainKey).ToListAsync();

        Assert.Equal(80, order.Count);
        var runs = order.Where((key, i) => i == 0 || order[i - 1] != key).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), runs.Order(StringComparer.Ordinal)); // each key in one run
    }

    [Fact]
    public async Task WriteAsync_LargeBatch_AppliesEveryRowInOneCall()
    {
        const int Rows = 5_000;
        var creates = Enumerable.Range(0, Rows).Select(i => new StateWrite(At("big", $"e{i:D5}"), 0, Bytes($"payload {i}"))).ToArray();

        var created = await Store.WriteAsync(creates, CancellationToken.None);
        var updated = await Store.WriteAsync(creates.Select(w => w with { ExpectedVersion = 1, Payload = Bytes("v2 " + w.Address.EntryKey) }).ToArray(), CancellationToken.None);

        Assert.Equal(Enumerable.Repeat(WriteOutcome.Success(1), Rows), created);
        Assert.Equal(Enumerable.Repeat(WriteOutcome.Success(2), Rows), updated);
        var entries = await Store.ReadEntriesAsync("Counter", "big", "state", CancellationToken.None);
        Assert.Equal(Rows, entries.Count);
        Assert.All(entries, e => Assert.Equal((2L, "v2 " + e.Address.EntryKey), (e.Version, System.Text.Encoding.UTF8.GetString(e.Payload))));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentCallers_LoseNoUpdate()
    {
        const int Workers = 8;
        const int Increments = 25;
        var counter = At("shared");

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                Assert.Equal(WriteOutcome.Success(1), await WriteOneAsync(new StateWrite(At($"w{worker}", $"{i}"), 0, Bytes($"{worker}:{i}"))));
                // Optimistic read-modify-write: retry on conflict until this increment lands.
                while (true)
                {
                    var version = (await Store.ReadAsync(counter, CancellationToken.None))?.Version ?? 0;
                    if ((await WriteOneAsync(new StateWrite(counter, version, BitConverter.GetBytes(version + 1)))).Applied)
                    {
                        break;
                    }
                }
            }
        })));

        var final = await Store.ReadAsync(counter, CancellationToken.None);
        Assert.Equal(Workers * Increments, final!.Version);
        Assert.Equal(BitConverter.GetBytes((long)(Workers * Increments)), final.Payload);
        for (var worker = 0; worker < Workers; worker++)
        {
            Assert.Equal(Increments, (await Store.ReadEntriesAsync("Counter", $"w{worker}", "state", CancellationToken.None)).Count);
        }
    }

    [Fact]
    public async Task WriteAsync_Payloads_PreservedByteForByte()
    {
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = new byte[1 << 20];
        new Random(42).NextBytes(large);

        await Store.WriteAsync(
        [
            new StateWrite(At("every"), 0, everyByte),
            new StateWrite(At("empty"), 0, []),
            new StateWrite(At("large"), 0, large),
        ], CancellationToken.None);

        Assert.Equal(everyByte, (await Store.ReadAsync(At("every"), CancellationToken.None))!.Payload);
        Assert.Empty((await Store.ReadAsync(At("empty"), CancellationToken.None))!.Payload);
        Assert.Equal(large, (await Store.ReadAsync(At("large"), CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task Store_ReopenedOnSameDatabase_KeepsData()
    {
        await Store.WriteAsync([new StateWrite(At("kept"), 0, Bytes("v1")), new StateWrite(At("kept", "e"), 0, Bytes("entry"))], CancellationToken.None);
        await WriteOneAsync(new StateWrite(At("kept"), 1, Bytes("v2")));
        await DisposeStoreAsync(Store);

        var reopened = await OpenAsync(Location);

        var stored = await reopened.ReadAsync(At("kept"), CancellationToken.None);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(Bytes("v2"), stored.Payload);
        Assert.Equal(2, (await reopened.ReadEntriesAsync("Counter", "kept", "state", CancellationToken.None)).Count);
        Assert.Equal(WriteOutcome.Success(3), Assert.Single(await reopened.WriteAsync([new StateWrite(At("kept"), 2, Bytes("v3"))], CancellationToken.None)));
    }

    [Fact]
    public async Task InitializeAsync_ConcurrentInitializers_ApplyEachMigrationOnce()
    {
        var fresh = await CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => CreateStore(fresh)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None))));
            await stores[0].InitializeAsync(CancellationToken.None);

            Assert.Equal(KnownMigrations, await ReadAppliedMigrationsAsync(fresh));
            Assert.Equal(WriteOutcome.Success(1), Assert.Single(await stores[^1].WriteAsync([new StateWrite(At("a"), 0, Bytes("x"))], CancellationToken.None)));
        }
        finally
        {
            foreach (var store in stores)
            {
                await DisposeStoreAsync(store);
            }
        }
    }
}
