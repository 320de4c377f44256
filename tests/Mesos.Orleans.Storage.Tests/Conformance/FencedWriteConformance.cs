using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Conformance;

/// <summary>
/// Writes fenced by a leader's term (<see cref="GrainStorage.FenceWrites"/>), on every engine: they commit while the
/// lease is the writer's, and are refused whole, applying nothing, once another master holds it.
/// </summary>
public abstract class FencedWriteConformance : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly StateAddress Row = new("app", "/web", "definition");
    private readonly List<GrainStorage> _opened = [];

    /// <summary>Opens the storage on this test's database (the same one on every call).</summary>
    protected abstract Task<GrainStorage> OpenAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task FencedWrites_CommitWhileTheLeaseIsTheWriters()
    {
        var storage = await OpenInitializedAsync();
        var lease = await storage.Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", Ttl, CancellationToken.None);
        storage.FenceWrites(new LeaseFence("leader", "m1", lease!.Epoch));

        var outcomes = await storage.States.WriteAsync([new StateWrite(Row, 0, [1])], CancellationToken.None);

        Assert.True(outcomes[0].Applied);
        Assert.Equal([1], (await storage.States.ReadAsync(Row, CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task FencedWrites_OfADeposedLeader_AreRefusedWhole()
    {
        var old = await OpenInitializedAsync();
        var first = await old.Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", Ttl, CancellationToken.None);
        old.FenceWrites(new LeaseFence("leader", "m1", first!.Epoch));
        await old.States.WriteAsync([new StateWrite(Row, 0, [1])], CancellationToken.None);

        // m1 is deposed without noticing: the lease moves to m2, in the next epoch.
        Assert.True(await old.Leases.ReleaseAsync("leader", "m1", CancellationToken.None));
        var successor = await OpenInitializedAsync();
        var second = await successor.Leases.TryAcquireAsync("leader", "m2", "http://m2:5050", Ttl, CancellationToken.None);
        Assert.Equal(first.Epoch + 1, second!.Epoch);

        var refused = await Assert.ThrowsAsync<LeaseLostException>(() => old.States.WriteAsync(
            [new StateWrite(Row, 1, [2]), new StateWrite(new StateAddress("app", "/other", "definition"), 0, [9])], CancellationToken.None));

        Assert.Equal("m1", refused.Fence!.Holder);
        Assert.Equal([1], (await successor.States.ReadAsync(Row, CancellationToken.None))!.Payload);
        Assert.Null(await successor.States.ReadAsync(new StateAddress("app", "/other", "definition"), CancellationToken.None));

        successor.FenceWrites(new LeaseFence("leader", "m2", second.Epoch));
        var outcomes = await successor.States.WriteAsync([new StateWrite(Row, 1, [3])], CancellationToken.None);
        Assert.True(outcomes[0].Applied);
    }

    private async Task<GrainStorage> OpenInitializedAsync()
    {
        var storage = await OpenAsync();
        _opened.Add(storage);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }
}
