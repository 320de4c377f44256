using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Master.View;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// The master's end of the agent channel: registrations go to agent grains, pings to the liveness monitor (no
/// grain, no write), status updates to task grains. An update is acknowledged only once its task grain has made
/// it durable; updates of one task apply in order. Registrations and updates wait until the control plane is up
/// (<paramref name="ready"/>), as the HTTP API's requests do: an agent that registers during a start-up neither
/// races the start-up's activation of its grain nor slows it down.
/// </summary>
public sealed class MasterAgentGateway(IGrainFactory grains, AgentLivenessMonitor liveness, TimeProvider time, Task ready) : IMasterChannel
{
    /// <inheritdoc />
    public async Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
    {
        await ready.WaitAsync(cancellationToken);
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
        // An agent that reports is alive, even when its pings wait behind its updates on a busy master or agent.
        liveness.Beat(batch.AgentId);
        await ready.WaitAsync(cancellationToken);
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
