using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Storage.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>The PostgreSQL engine across server restarts: operations are retried and nothing committed is lost.</summary>
[Collection(PostgresServerGroup.Name)]
public sealed class PostgresRestartTests
{
    private readonly PostgresServerFixture _server;

    public PostgresRestartTests(PostgresServerFixture server) => _server = server;

    private static StateAddress At(string key) => new("Counter", key, "state");

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task PostgresGrainStateStore_ServerRestartBetweenWrites_RetriesAndLosesNothing()
    {
        var logger = new RecordingLogger();
        await using var store = new PostgresGrainStateStore(await _server.CreateDatabaseAsync(), new PostgresStoreOptions { Logger = logger });
        await store.InitializeAsync(CancellationToken.None);
        var first = await store.WriteAsync([new StateWrite(At("a"), 0, Bytes("a1")), new StateWrite(At("b"), 0, Bytes("b1"))], CancellationToken.None);

        await _server.RestartAsync();
        // The pooled connection died with the server; the write must retry on a new one.
        var second = await store.WriteAsync([new StateWrite(At("a"), 1, Bytes("a2")), new StateWrite(At("c"), 0, Bytes("c1"))], CancellationToken.None);

        Assert.Equal([WriteOutcome.Success(1), WriteOutcome.Success(1)], first);
        Assert.Equal([WriteOutcome.Success(2), WriteOutcome.Success(1)], second);
        Assert.Contains(logger.Events, e => e.Id.Id == 1);
        Assert.Equal((2L, "a2"), Read(await store.ReadAsync(At("a"), CancellationToken.None)));
        Assert.Equal((1L, "b1"), Read(await store.ReadAsync(At("b"), CancellationToken.None)));
        Assert.Equal((1L, "c1"), Read(await store.ReadAsync(At("c"), CancellationToken.None)));
    }

    [Fact]
    public async Task PostgresGrainStateStore_WriteWhileServerDown_CompletesOnceServerIsBack()
    {
        var logger = new RecordingLogger();
        await using var store = new PostgresGrainStateStore(await _server.CreateDatabaseAsync(), new PostgresStoreOptions { Logger = logger });
        await store.InitializeAsync(CancellationToken.None);
        await store.WriteAsync([new StateWrite(At("a"), 0, Bytes("a1"))], CancellationToken.None);

        await _server.StopAsync();
        Task<IReadOnlyList<WriteOutcome>> pending;
        try
        {
            pending = store.WriteAsync([new StateWrite(At("a"), 1, Bytes("a2"))], CancellationToken.None);
            await Eventually.HoldsAsync(() => Task.FromResult(logger.Events.Any(e => e.Id.Id == 1)), "the write has failed and is backing off");
            Assert.False(pending.IsCompleted);
        }
        finally
        {
            await _server.StartAsync();
        }

        Assert.Equal([WriteOutcome.Success(2)], await pending);
        Assert.Equal((2L, "a2"), Read(await store.ReadAsync(At("a"), CancellationToken.None)));
    }

    [Fact]
    public async Task PostgresLeaseStore_ServerRestart_KeepsLeaseAndEpoch()
    {
        await using var leases = new PostgresLeaseStore(await _server.CreateDatabaseAsync());
        await leases.InitializeAsync(CancellationToken.None);
        var held = await leases.TryAcquireAsync("leader", "m1", "http://m1:5050", TimeSpan.FromMinutes(5), CancellationToken.None);

        await _server.RestartAsync();
        var renewed = await leases.TryAcquireAsync("leader", "m1", "http://m1:5050", TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(("m1", 1L), (renewed!.Holder, renewed.Epoch));
        Assert.True(renewed.Expiry > held!.Expiry);
        Assert.Null(await leases.TryAcquireAsync("leader", "m2", "http://m2:5050", TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    private static (long, string) Read(StoredState? state) => (state!.Version, System.Text.Encoding.UTF8.GetString(state.Payload));
}
