using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Runtime.Tests;

public sealed class GrainRuntimeTests : IAsyncLifetime
{
    private readonly InMemoryGrainStateStore _store = new();
    private readonly FakeTimeProvider _time = new();
    private GrainRuntime _runtime = null!;

    public Task InitializeAsync()
    {
        _runtime = CreateRuntime(new GrainRuntimeOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private GrainRuntime CreateRuntime(GrainRuntimeOptions options, IGrainStateStore? store = null)
    {
        var runtime = new GrainRuntime(options, store ?? _store, NullLoggerFactory.Instance, _time);
        runtime.Register<ICounterGrain, CounterGrain>(c => new CounterGrain(c));
        runtime.Register<ITurnGrain, TurnGrain>(c => new TurnGrain(c));
        runtime.Register<IPingGrain, PingGrain>(c => new PingGrain(c));
        runtime.Register<ITimerGrain, TimerGrain>(c => new TimerGrain(c));
        runtime.Register<IFailingGrain, FailingGrain>(c => new FailingGrain(c));
        runtime.Register<IInventoryGrain, InventoryGrain>(c => new InventoryGrain(c));
        runtime.Register<IBusyGrain, BusyGrain>(c => new BusyGrain(c));
        return runtime;
    }

    [Fact]
    public async Task GrainRuntime_KeepsOneActivationPerKey()
    {
        var before = CounterGrain.Activations;
        var counters = Enumerable.Range(0, 50).Select(_ => _runtime.GetGrain<ICounterGrain>("one")).ToList();
        var results = await Task.WhenAll(counters.Select(c => c.IncrementAsync()));

        Assert.Equal(Enumerable.Range(1, 50), results.Order());
        Assert.Equal(before + 1, CounterGrain.Activations);
        Assert.Equal(1, _runtime.ActivationCount);
    }

    [Fact]
    public async Task GrainRuntime_RunsOneTurnAtATime()
    {
        var grain = _runtime.GetGrain<ITurnGrain>("t");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.EnterAsync(2)));

        Assert.False(await grain.OverlappedAsync());
    }

    [Fact]
    public async Task GrainRuntime_RunsDifferentKeysInParallel()
    {
        var grains = Enumerable.Range(0, 8).Select(i => _runtime.GetGrain<ITurnGrain>($"p{i}")).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(grains.Select(g => g.EnterAsync(300)));

        // Eight 300 ms turns on eight grains overlap; run one after another they would take 2.4 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task GrainRuntime_ReloadsStateAfterDeactivation()
    {
        var counter = _runtime.GetGrain<ICounterGrain>("durable");
        await counter.IncrementAsync();
        await counter.IncrementAsync();
        await counter.DeactivateAsync();
        await Eventually.Until(() => _runtime.ActivationCount == 0, "the counter to deactivate");

        Assert.Equal(2, await counter.GetAsync());
    }

    [Fact]
    public async Task GrainRuntime_StateSurvivesANewRuntimeOnTheSameStore()
    {
        await _runtime.GetGrain<ICounterGrain>("restart").IncrementAsync();
        await _runtime.StopAsync(CancellationToken.None);

        await using var second = CreateRuntime(new GrainRuntimeOptions());
        Assert.Equal(1, await second.GetGrain<ICounterGrain>("restart").GetAsync());
    }

    [Fact]
    public async Task GrainRuntime_OneWayCallReturnsAtOnceAndRuns()
    {
        var counter = _runtime.GetGrain<ICounterGrain>("oneway");
        var call = counter.IncrementLaterAsync();

        Assert.True(call.IsCompletedSuccessfully);
        await Eventually.Until(() => counter.GetAsync(), v => v == 1, "the one-way increment to run");
    }

    [Fact]
    public async Task GrainRuntime_CollectsIdleActivationsButNotKeepAlive()
    {
        await _runtime.GetGrain<ICounterGrain>("idle").IncrementAsync();
        await _runtime.GetGrain<ITimerGrain>("kept").TicksAsync();
        Assert.Equal(2, _runtime.ActivationCount);

        _time.Advance(GrainRuntimeOptions.DefaultCollectionAge + GrainRuntimeOptions.DefaultCollectionQuantum);

        await Eventually.Until(() => _runtime.ActivationCount == 1, "only the keep-alive grain to remain");
    }

    [Fact]
    public async Task GrainRuntime_TimerTicksRunAsTurns()
    {
        var grain = _runtime.GetGrain<ITimerGrain>("ticker");
        await grain.StartAsync(TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => grain.TicksAsync(), t => t == 1, "one tick");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => grain.TicksAsync(), t => t == 2, "two ticks");
    }

    [Fact]
    public async Task GrainRuntime_FailedActivationFailsTheCallAndRetriesOnTheNext()
    {
        FailingGrain.Attempts = 0;
        var grain = _runtime.GetGrain<IFailingGrain>("f");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.HelloAsync());
        Assert.Contains("failed to activate", error.Message, StringComparison.Ordinal);
        Assert.Equal("hello", await grain.HelloAsync());
    }

    [Fact]
    public async Task GrainRuntime_CallCycleTimesOutInsteadOfHanging()
    {
        await using var runtime = CreateRuntime(new GrainRuntimeOptions { CallTimeout = TimeSpan.FromMilliseconds(300) });

        // a awaits b, which awaits a: a's turn is still running, so b's call can never start.
        var error = await Assert.ThrowsAsync<TimeoutException>(() => runtime.GetGrain<IPingGrain>("a").PingAsync("b", 2));
        Assert.Contains("did not complete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainRuntime_GroupsWritesThatArriveDuringATransaction()
    {
        var slow = new SlowStore(_store, TimeSpan.FromMilliseconds(20));
        await using var runtime = new GrainRuntime(new GrainRuntimeOptions(), slow, NullLoggerFactory.Instance, TimeProvider.System);
        runtime.Register<ICounterGrain, CounterGrain>(c => new CounterGrain(c));

        var writes = Enumerable.Range(0, 500).Select(i => runtime.GetGrain<ICounterGrain>($"batch{i}").IncrementAsync());
        var values = await Task.WhenAll(writes);

        Assert.All(values, v => Assert.Equal(1, v));
        Assert.True(slow.Transactions < 50, $"{slow.Transactions} transactions for 500 concurrent writes");
    }

    [Fact]
    public async Task GrainRuntime_DetectsAConcurrentWriterAndReloads()
    {
        var counter = _runtime.GetGrain<ICounterGrain>("contended");
        await counter.IncrementAsync();

        // Another writer (another master) moves the stored row on.
        var address = new StateAddress("counter", "contended", "counter");
        var stored = await _store.ReadAsync(address, CancellationToken.None);
        await _store.WriteAsync([new StateWrite(address, stored!.Version, """{"value":41}"""u8.ToArray())], CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.IncrementAsync());
        Assert.Equal(42, await counter.IncrementAsync());
    }

    [Fact]
    public async Task GrainRuntime_StopsEvenAGrainThatIsNeverIdle()
    {
        await _runtime.GetGrain<IBusyGrain>("spinner").StartAsync();

        await _runtime.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _runtime.ActivationCount);
    }

    [Fact]
    public async Task PersistentMap_WritesOnlyChangedEntriesAndReloads()
    {
        var inventory = _runtime.GetGrain<IInventoryGrain>("shop");
        await inventory.PutAsync("apples", 3);
        await inventory.PutAsync("pears", 5);
        await inventory.RemoveAsync("apples");

        var rows = await _store.ReadEntriesAsync("inventory", "shop", "items", CancellationToken.None);
        Assert.Equal(["pears"], rows.Select(r => r.Address.EntryKey));
        Assert.Equal(1, rows[0].Version);

        await _runtime.StopAsync(CancellationToken.None);
        await using var second = CreateRuntime(new GrainRuntimeOptions());
        var reloaded = await second.GetGrain<IInventoryGrain>("shop").ListAsync();
        Assert.Equal(new Dictionary<string, int> { ["pears"] = 5 }, reloaded);
    }

    [Fact]
    public async Task ActivateStored_GrainsLoadFromTheirRows_WithoutReadingTheStore_AndWriteOnFromTheirVersions()
    {
        await _runtime.GetGrain<ICounterGrain>("c1").IncrementAsync();
        await _runtime.GetGrain<ICounterGrain>("c1").IncrementAsync();
        await _runtime.GetGrain<ICounterGrain>("c2").IncrementAsync();
        await _runtime.GetGrain<IInventoryGrain>("shop").PutAsync("apples", 3);
        await _runtime.GetGrain<IInventoryGrain>("shop").PutAsync("pears", 5);
        await _runtime.StopAsync(CancellationToken.None);
        var reads = new ReadCountingStore(_store);
        await using var second = CreateRuntime(new GrainRuntimeOptions(), reads);

        var counters = await second.ActivateStoredAsync<ICounterGrain>("counter", c => c.GetAsync(), 2, CancellationToken.None);
        var inventories = await second.ActivateStoredAsync<IInventoryGrain>("items", i => i.ListAsync(), 2, CancellationToken.None);

        Assert.Equal(["c1", "c2"], counters);
        Assert.Equal(["shop"], inventories);
        Assert.Equal((1, 1), (reads.ReadsOf("counter"), reads.ReadsOf("inventory"))); // each type's one query, no read per grain
        Assert.Equal(2, await second.GetGrain<ICounterGrain>("c1").GetAsync());
        Assert.Equal(new Dictionary<string, int> { ["apples"] = 3, ["pears"] = 5 }, await second.GetGrain<IInventoryGrain>("shop").ListAsync());
        Assert.Equal(3, await second.GetGrain<ICounterGrain>("c1").IncrementAsync());
        await second.GetGrain<IInventoryGrain>("shop").PutAsync("pears", 6);
        Assert.Equal(3, (await _store.ReadAsync(new StateAddress("counter", "c1", "counter"), CancellationToken.None))!.Version);
        Assert.Equal(2, (await _store.ReadAsync(new StateAddress("inventory", "shop", "items", "pears"), CancellationToken.None))!.Version);

        // Once activated, a grain's rows are gone: its next activation reads the store.
        await second.GetGrain<ICounterGrain>("c2").DeactivateAsync();
        await Eventually.Until(() => second.ActivationCount == 2, "c2 deactivated");
        Assert.Equal(1, await second.GetGrain<ICounterGrain>("c2").GetAsync());
        Assert.Equal(2, reads.ReadsOf("counter"));
    }

    [Fact]
    public async Task ActivateStored_AGrainActiveWhenItsRowsArrive_KeepsItsOwnState()
    {
        var rowsRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new SteppedReadStore(_store, async row =>
        {
            rowsRead.TrySetResult();
            await release.Task;
        });
        await using var runtime = CreateRuntime(new GrainRuntimeOptions(), store);
        var counter = runtime.GetGrain<ICounterGrain>("busy");
        await counter.IncrementAsync();

        var activating = runtime.ActivateStoredAsync<ICounterGrain>("counter", c => c.GetAsync(), 2, CancellationToken.None);
        await rowsRead.Task; // the rows say 1
        await counter.IncrementAsync();
        release.SetResult();

        Assert.Equal(["busy"], await activating);
        Assert.Equal(2, await counter.GetAsync());
        await counter.DeactivateAsync();
        await Eventually.Until(() => runtime.ActivationCount == 0, "the counter deactivated");
        Assert.Equal(2, await counter.GetAsync()); // from the store: no stale rows were left for it
        Assert.Equal(3, await counter.IncrementAsync());
    }

    [Fact]
    public async Task ActivateStored_AReadThatBreaks_FailsWithItsError_AndLeavesNoRowsBehind()
    {
        foreach (var key in new[] { "a", "b", "c" })
        {
            await _runtime.GetGrain<ICounterGrain>(key).IncrementAsync();
        }

        await _runtime.StopAsync(CancellationToken.None);
        var reads = new ReadCountingStore(new SteppedReadStore(_store, row => row == 2 ? throw new IOException("the disk went away") : Task.CompletedTask));
        await using var second = CreateRuntime(new GrainRuntimeOptions(), reads);

        var error = await Assert.ThrowsAsync<IOException>(() =>
            second.ActivateStoredAsync<ICounterGrain>("counter", c => c.GetAsync(), 1, CancellationToken.None));

        Assert.Equal("the disk went away", error.Message);
        Assert.Equal(2, await second.GetGrain<ICounterGrain>("a").IncrementAsync()); // handed over before the break
        Assert.Equal(1, await second.GetGrain<ICounterGrain>("c").GetAsync());
        Assert.Equal(2, reads.ReadsOf("counter")); // the type's query, then c's own read: none of its rows was left
    }
}
