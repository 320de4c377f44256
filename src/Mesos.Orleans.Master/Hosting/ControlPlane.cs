using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Agents;
using Mesos.Orleans.Master.View;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Master.Hosting;

/// <summary>
/// The master's control plane: the grain runtime over the state store, the grains of the design, the read model
/// they keep current, and the gateway agents talk to. Started before the API serves, stopped after.
/// </summary>
public sealed class ControlPlane : IHostedService, IAsyncDisposable
{
    private readonly IGrainStateStore _store;

    /// <summary>Creates the control plane over a store; <paramref name="agentChannels"/> reaches the agents.</summary>
    public ControlPlane(
        IGrainStateStore store, IAgentChannelFactory agentChannels, ControlPlaneOptions options, GrainRuntimeOptions runtimeOptions,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        _store = store;
        Options = options;
        Time = time;
        StartedAt = time.GetUtcNow();
        Id = Guid.NewGuid().ToString();
        View = new ClusterView();
        runtimeOptions.SerializerOptions ??= Json.Options;
        Runtime = new GrainRuntime(runtimeOptions, store, loggerFactory, time);
        ControlPlaneGrains.Register(Runtime, new GrainServices(options, View, agentChannels, loggerFactory));
        Liveness = new AgentLivenessMonitor(
            Runtime, options.AgentUnreachableAfter, options.HeartbeatInterval / 2, time, loggerFactory.CreateLogger<AgentLivenessMonitor>());
        Gateway = new MasterAgentGateway(Runtime, Liveness, time, _ready.Task);
    }

    /// <summary>The grains' settings.</summary>
    public ControlPlaneOptions Options { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>When this master started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>This master's id, new with every start (Mesos' master id).</summary>
    public string Id { get; }

    /// <summary>The grain runtime.</summary>
    public GrainRuntime Runtime { get; }

    /// <summary>The read model the API lists from.</summary>
    public ClusterView View { get; }

    /// <summary>Watches the agents' pings and declares the silent ones unreachable.</summary>
    public AgentLivenessMonitor Liveness { get; }

    /// <summary>Where agents register, ping and send status updates.</summary>
    public IMasterChannel Gateway { get; }

    /// <summary>Completes once the grains are up; the API waits for it before it serves.</summary>
    public Task Ready => _ready.Task;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.InitializeAsync(cancellationToken);
            // Agents known from before must register again in time, or their tasks are declared unreachable.
            Liveness.Expect(await ControlPlaneGrains.StartAsync(Runtime, cancellationToken));
            Liveness.Start();
            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Liveness.DisposeAsync();
        await Runtime.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Liveness.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
