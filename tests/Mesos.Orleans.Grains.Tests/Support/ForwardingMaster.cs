using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Grains.Tests.Support;

/// <summary>The master channel of simulated agents, pointed at whichever control plane is current (it changes on a restart).</summary>
public sealed class ForwardingMaster : IMasterChannel
{
    public IMasterChannel? Current { get; set; }

    private IMasterChannel Master => Current ?? throw new InvalidOperationException("no master is running");

    public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken) => Master.RegisterAsync(request, cancellationToken);

    public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) => Master.HeartbeatAsync(request, cancellationToken);

    public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken) => Master.SendStatusUpdatesAsync(batch, cancellationToken);
}
