using Mesos.Orleans.Agent.Simulation;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Grains.Tests.Support;

/// <summary>
/// The real control plane (grains, runtime, read model, gateway) over an in-memory store, with simulated agents:
/// the whole loop from apply to RUNNING without a process or a disk. It can be restarted on the same store.
/// </summary>
public sealed class ControlPlaneHarness : IAsyncDisposable, IAgentChannelFactory
{
    private readonly Dictionary<string, SimulatedAgent> _agents = new(StringComparer.Ordinal);
    private readonly ForwardingMaster _master = new();

    private ControlPlaneHarness()
    {
        Reads = new ReadCountingStore(Store);
        Plane = Create();
    }

    public InMemoryGrainStateStore Store { get; } = new();

    /// <summary>The store as the control plane sees it, counting reads.</summary>
    public ReadCountingStore Reads { get; }

    public ControlPlane Plane { get; private set; }

    public static async Task<ControlPlaneHarness> StartAsync()
    {
        var harness = new ControlPlaneHarness();
        await harness.Plane.StartAsync(CancellationToken.None);
        return harness;
    }

    public async Task<SimulatedAgent> AddAgentAsync(
        string hostname, string resources = "cpus:4;mem:4096;ports:[31000-31099]",
        IReadOnlyDictionary<string, string>? attributes = null, IReadOnlyList<string>? containerizers = null)
    {
        var agent = new SimulatedAgent(_master, hostname, ResourceSet.Parse(resources), TimeProvider.System)
        {
            Attributes = attributes ?? new Dictionary<string, string>(),
            Containerizers = containerizers ?? ["process", "docker"],
        };
        _agents["simulated://" + hostname] = agent;
        await agent.RegisterAsync(CancellationToken.None);
        return agent;
    }

    public async Task<ApplyOutcome> ApplyAsync(string manifest)
    {
        var decoded = AppManifestDecoder.Decode(ManifestReader.Read(manifest).Single().Content);
        Assert.True(decoded.IsValid, string.Join("; ", decoded.Errors));
        return await Plane.Runtime.GetGrain<IAppGrain>(decoded.Definition!.Id.Path).ApplyAsync(decoded.Definition);
    }

    public SimulatedAgent Agent(string hostname) => _agents["simulated://" + hostname];

    public IAppGrain App(string name) => Plane.Runtime.GetGrain<IAppGrain>("/" + name);

    public IReadOnlyList<InstanceSnapshot> Instances(string app) => [.. Plane.View.InstancesOf(Core.Apps.AppId.Parse(app))];

    /// <summary>Waits until the app has exactly <paramref name="count"/> instances, all running.</summary>
    public Task<IReadOnlyList<InstanceSnapshot>> RunningAsync(string app, int count) =>
        Eventually.Until(() => Task.FromResult(Instances(app)),
            i => i.Count == count && i.All(x => x.State == "TASK_RUNNING"), $"{count} running instances of {app}");

    /// <summary>Stops the control plane and starts a new one on the same store; agents register again unless told not to.</summary>
    public async Task RestartAsync(bool reregister = true)
    {
        await Plane.StopAsync(CancellationToken.None);
        Plane = Create();
        await Plane.StartAsync(CancellationToken.None);
        foreach (var agent in reregister ? _agents.Values.ToList() : [])
        {
            await agent.RegisterAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The share (0 to 1) of launch calls whose answer is lost: the agent takes the tasks, the master's call fails
    /// (an HTTP call that timed out after it was delivered). A fault no simulated agent shows on its own.
    /// </summary>
    public double LostLaunchAnswers { get; set; }

    public IAgentChannel Open(string agentId, string endpoint) => new AnswerLosingChannel(_agents[endpoint], this);

    public async ValueTask DisposeAsync() => await Plane.DisposeAsync();

    private ControlPlane Create()
    {
        var options = new ControlPlaneOptions
        {
            AllocationInterval = TimeSpan.FromMilliseconds(100),
            RefuseSeconds = TimeSpan.FromMilliseconds(200),
            AppResyncPeriod = TimeSpan.FromSeconds(1),
            MaxMissedHeartbeats = 100_000, // simulated agents do not ping: never declare them unreachable
        };
        var plane = new ControlPlane(Reads, this, options, new GrainRuntimeOptions(), NullLoggerFactory.Instance, TimeProvider.System);
        _master.Current = plane.Gateway;
        return plane;
    }

    private sealed class AnswerLosingChannel(IAgentChannel agent, ControlPlaneHarness harness) : IAgentChannel
    {
        public async Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken)
        {
            await agent.LaunchAsync(request, cancellationToken);
            if (Random.Shared.NextDouble() < harness.LostLaunchAnswers)
            {
                throw new TimeoutException("the launch's answer was lost");
            }
        }

        public Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken) => agent.KillAsync(request, cancellationToken);
    }
}
