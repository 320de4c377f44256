using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Contracts.Agents;

/// <summary>
/// A change of a task's state, sent by its agent until the master acknowledges its <see cref="Uuid"/>
/// (at-least-once; the master applies each uuid once).
/// </summary>
public sealed record TaskStatusUpdate
{
    /// <summary>The task.</summary>
    public required string TaskId { get; init; }

    /// <summary>The framework that owns the task.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>The agent the task runs on.</summary>
    public required string AgentId { get; init; }

    /// <summary>The app of the task, when it is an app's.</summary>
    public string? AppId { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the agent's span that made this update (updates travel in batches and are
    /// resent, so the context rides with each update); null when nobody traces.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The new state.</summary>
    public required TaskState State { get; init; }

    /// <summary>Identifies this update for acknowledgement and de-duplication.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>When the agent saw the change.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Mesos' reason code, e.g. <c>REASON_COMMAND_EXECUTOR_FAILED</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>A sentence for people.</summary>
    public string? Message { get; init; }

    /// <summary>The exit code, for a task that exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the task, if one did.</summary>
    public int? Signal { get; init; }

    /// <summary>The last lines the task wrote to stderr, for a task that ended.</summary>
    public string? StderrTail { get; init; }

    /// <summary>The process id or container id of the running task.</summary>
    public string? ContainerId { get; init; }

    /// <summary>The task's health, when it has health checks.</summary>
    public bool? Healthy { get; init; }

    /// <summary>The task's readiness, when it has readiness checks.</summary>
    public bool? Ready { get; init; }

    /// <summary>The result of the check that changed the task's health or readiness, for people.</summary>
    public string? CheckResult { get; init; }

    /// <summary>A new update (fresh uuid) of a task to <paramref name="state"/>; details are added with <c>with</c>.</summary>
    public static TaskStatusUpdate Of(string taskId, string frameworkId, string? appId, string agentId, TaskState state, DateTimeOffset at) => new()
    {
        TaskId = taskId,
        FrameworkId = frameworkId,
        AppId = appId,
        AgentId = agentId,
        State = state,
        Uuid = Guid.NewGuid(),
        Timestamp = at,
    };
}

/// <summary>Mesos' reason codes the agent uses.</summary>
public static class TaskReasons
{
    /// <summary>The command exited.</summary>
    public const string CommandExited = "REASON_COMMAND_EXECUTOR_FAILED";

    /// <summary>The task was killed on request.</summary>
    public const string KilledOnRequest = "REASON_TASK_KILLED_DURING_LAUNCH";

    /// <summary>The container could not be started.</summary>
    public const string LaunchFailed = "REASON_CONTAINER_LAUNCH_FAILED";

    /// <summary>The container went over its memory limit.</summary>
    public const string MemoryLimit = "REASON_CONTAINER_LIMITATION_MEMORY";

    /// <summary>The agent restarted and the task was gone.</summary>
    public const string AgentRestarted = "REASON_AGENT_RESTARTED";

    /// <summary>The master does not know the task on re-registration.</summary>
    public const string Reconciliation = "REASON_RECONCILIATION";

    /// <summary>The agent was removed or unreachable.</summary>
    public const string AgentRemoved = "REASON_AGENT_REMOVED";

    /// <summary>The agent stopped answering.</summary>
    public const string AgentUnreachable = "REASON_AGENT_UNREACHABLE";

    /// <summary>The task failed its health checks too often and was killed.</summary>
    public const string HealthCheckFailed = "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED";
}
