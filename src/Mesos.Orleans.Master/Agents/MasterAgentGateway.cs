using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Master.View;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// The master's end of the agent channel: registrations go to agent grains, status updates to task grains. An
/// update is acknowledged only once its task grain has made it durable; updates of one task apply in order. Pings
/// are answered from the read model, which every agent grain keeps current: 50,000 agents pinging every 5 s cost
/// no grain turn at all.
/// </summary>
public sealed class MasterAgentGateway(IGrainFactory grains, ClusterView view, TimeProvider time) : IMasterChannel
{
    /// <inheritdoc />
    public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
    {
        var agentId = request.AgentId ?? $"{time.GetUtcNow():yyyyMMdd}-{Guid.NewGuid():N}"[..25];
        return grains.GetGrain<IAgentGrain>(agentId).RegisterAsync(request);
    }

    /// <inheritdoc />
    /// <remarks>
    /// An agent is active in the view only once it registered with this master (its grain, activated after a
    /// restart, publishes it as recovering), which is what its grain would answer.
    /// </remarks>
    public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new HeartbeatResponse(view.Agent(request.AgentId) is { Status: AgentSnapshot.ActiveStatus }));

    /// <inheritdoc />
    public async Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken)
    {
        var perTask = batch.Updates.GroupBy(u => u.TaskId).Select(ApplyInOrderAsync);
        var applied = await Task.WhenAll(perTask);
        return new StatusUpdateAck(applied.SelectMany(a => a).ToList());
    }

    // Stops at the first update that fails: the agent sends it, and those after it, again.
    private async Task<List<Guid>> ApplyInOrderAsync(IEnumerable<TaskStatusUpdate> updates)
    {
        var acknowledged = new List<Guid>();
        try
        {
            foreach (var update in updates)
            {
                await grains.GetGrain<ITaskGrain>(update.TaskId).UpdateStatusAsync(update);
                acknowledged.Add(update.Uuid);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException && acknowledged.Count > 0)
        {
            // Partial progress is acknowledged; the rest is retried.
        }

        return acknowledged;
    }
}
