using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Agent.Checkpointing;

/// <summary>
/// What the agent keeps on disk about one task so a restarted agent can carry on: how it was launched, its
/// container, its latest status update and whether the master acknowledged it.
/// </summary>
public sealed record TaskCheckpoint
{
    /// <summary>The task as the master launched it.</summary>
    public required TaskLaunch Launch { get; init; }

    /// <summary>Its container, once started.</summary>
    public ContainerRecord? Container { get; init; }

    /// <summary>The latest status update the agent produced.</summary>
    public TaskStatusUpdate? Status { get; init; }

    /// <summary>True when the master acknowledged <see cref="Status"/>.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>When the task started running (health checks' grace period counts from there).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the agent's span that started the task: its first updates are children of it,
    /// later ones (a crash) new traces linked to it.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>When the task ended, for sandbox garbage collection.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
