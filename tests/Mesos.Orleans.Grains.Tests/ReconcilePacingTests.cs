using System.Diagnostics.Metrics;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>
/// A stream of events to a large app is handled by a few reconcile passes, not one each. Counted on the process-wide
/// reconcile metric, so this class runs alone.
/// </summary>
[Collection(Name)]
public sealed class ReconcilePacingTests : IAsyncLifetime
{
    public const string Name = "reconcile pacing (alone)";
    private const int Instances = 1000;
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ControlPlaneHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task UpdatesOneAfterAnother_AreReconciledInAFewPasses()
    {
        var agent = await _cluster.AddAgentAsync("a", "cpus:200;mem:100000;ports:[30000-31999]");
        await _cluster.ApplyAsync(AppManifests.App("burst", Instances, cpus: 0.1));
        var running = await _cluster.RunningAsync("burst", Instances);
        await Task.Delay(300); // the launch's passes are over

        var passes = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == MesosMetrics.ReconcileDuration)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref passes));
        listener.Start();

        // Each update is acknowledged (durable at its task) before the next is sent: without pacing each would
        // get a pass of its own over all 1000 instances.
        foreach (var instance in running)
        {
            await agent.SetHealthAsync(instance.TaskId, healthy: false);
        }

        await Eventually.Until(() => Task.FromResult(_cluster.Instances("burst")),
            i => i.Count(x => x.Healthy == false) == Instances, "every instance reported unhealthy");
        await Task.Delay(200); // the last pass, at most the spacing (50 ms) late

        Assert.InRange(Volatile.Read(ref passes), 1, Instances / 20);
    }
}

[CollectionDefinition(ReconcilePacingTests.Name, DisableParallelization = true)]
public sealed class ReconcilePacingCollection;
