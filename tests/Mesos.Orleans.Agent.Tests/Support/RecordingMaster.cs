using System.Collections.Concurrent;
using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Agent.Tests.Support;

/// <summary>A master that registers every agent as <c>agent-1</c>, records what it is sent and acknowledges every update.</summary>
internal sealed class RecordingMaster : IMasterChannel
{
    /// <summary>The most a reply to a batch of updates waits, at random, as a busy master's would.</summary>
    public TimeSpan MaxAckDelay { get; init; }

    public ConcurrentQueue<RegisterAgentRequest> Registrations { get; } = new();

    public ConcurrentQueue<TaskStatusUpdate> Updates { get; } = new();

    public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
    {
        Registrations.Enqueue(request);
        return Task.FromResult(new RegisterAgentResponse { AgentId = "agent-1", HeartbeatInterval = TimeSpan.FromSeconds(5) });
    }

    public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new HeartbeatResponse(true));

    public async Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken)
    {
        if (MaxAckDelay > TimeSpan.Zero)
        {
            await Task.Delay(Random.Shared.NextDouble() * MaxAckDelay, cancellationToken);
        }

        foreach (var update in batch.Updates)
        {
            Updates.Enqueue(update);
        }

        return new StatusUpdateAck([.. batch.Updates.Select(u => u.Uuid)]);
    }
}
