namespace Mesos.Orleans.Contracts.Agents;

/// <summary>How an agent talks to the master: in process for <c>up</c>, over HTTP between machines.</summary>
public interface IMasterChannel
{
    /// <summary>Registers, or re-registers with a known id and the tasks running.</summary>
    Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken);

    /// <summary>Pings the master.</summary>
    Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken);

    /// <summary>Sends status updates; the answer names the ones applied.</summary>
    Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken);
}

/// <summary>How the master talks to one agent.</summary>
public interface IAgentChannel
{
    /// <summary>
    /// Starts tasks. Returns once the agent has taken them; their states come as status updates. An agent that is
    /// registering takes none (<see cref="LaunchRefusedException"/>).
    /// </summary>
    Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken);

    /// <summary>Stops a task; its end comes as a status update.</summary>
    Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken);
}

/// <summary>Finds the channel to an agent from the endpoint it registered with.</summary>
public interface IAgentChannelFactory
{
    /// <summary>The channel to the agent at <paramref name="endpoint"/>.</summary>
    IAgentChannel Open(string agentId, string endpoint);
}
