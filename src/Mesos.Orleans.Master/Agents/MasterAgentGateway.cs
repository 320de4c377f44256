using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// The master's end of the agent channel: registrations go to agent grains, pings to the liveness monitor (no
/// grain, no write), status updates to task grains. An update is acknowledged only once its task grain has made
/// it durable; updates of one task apply in order.
/// </summary>
public sealed class MasterAgentGateway(IGrainFactory grains, AgentLivenessMonitor liveness, TimeProvider time) : IMasterChannel
{
    /// <inheritdoc />
    public async Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
    {
        var agentId = request.AgentId ?? $"{time.GetUtcNow():yyyyMMdd}-{Guid.NewGuid():N}"[..25];
        var response = await grains.GetGrain<IAgentGrain>(agentId).RegisterAsync(request);
        liveness.Registered(response.AgentId);
        return response;
    }

    /// <inheritdoc />
    public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new HeartbeatResponse(liveness.Beat(request.AgentId)));

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
