using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Contracts.Agents;

/// <summary>An agent's (re-)registration: who it is, what it has, and what it runs.</summary>
public sealed record RegisterAgentRequest
{
    /// <summary>The id the master gave this agent before, or null for a new agent.</summary>
    public string? AgentId { get; init; }

    /// <summary>The machine's hostname, as tasks see it in $HOST.</summary>
    public required string Hostname { get; init; }

    /// <summary>Where the master reaches the agent (an URL, or <c>in-process</c>).</summary>
    public required string Endpoint { get; init; }

    /// <summary>Everything the agent offers.</summary>
    public required ResourceSet Resources { get; init; }

    /// <summary>Attributes for placement constraints (<c>rack: a</c>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The containerizers the agent has (<c>process</c>, <c>docker</c>).</summary>
    public IReadOnlyList<string> Containerizers { get; init; } = [];

    /// <summary>The tasks the agent runs, or ran without the end being acknowledged, with their latest state.</summary>
    public IReadOnlyList<TaskReport> Tasks { get; init; } = [];
}

/// <summary>The master's answer to a registration.</summary>
public sealed record RegisterAgentResponse
{
    /// <summary>The agent's id, new or confirmed.</summary>
    public required string AgentId { get; init; }

    /// <summary>How often the agent must ping.</summary>
    public required TimeSpan HeartbeatInterval { get; init; }

    /// <summary>Tasks the agent reported that the master wants gone (replaced meanwhile, or unknown).</summary>
    public IReadOnlyList<string> TasksToKill { get; init; } = [];
}

/// <summary>An agent's ping.</summary>
public sealed record HeartbeatRequest(string AgentId);

/// <summary>The master's answer to a ping: false asks the agent to register again.</summary>
public sealed record HeartbeatResponse(bool Registered);

/// <summary>Status updates sent together.</summary>
public sealed record StatusUpdateBatch(string AgentId, IReadOnlyList<TaskStatusUpdate> Updates);

/// <summary>The uuids of the updates the master has applied durably.</summary>
public sealed record StatusUpdateAck(IReadOnlyList<Guid> Acknowledged);

/// <summary>Tasks to start on one agent.</summary>
public sealed record LaunchTasksRequest(IReadOnlyList<TaskLaunch> Tasks);

/// <summary>A task to stop: SIGTERM, then SIGKILL after the grace period.</summary>
public sealed record KillTaskRequest(string TaskId, double GracePeriodSeconds);
