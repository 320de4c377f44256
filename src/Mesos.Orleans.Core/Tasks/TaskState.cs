using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Tasks;

/// <summary>
/// The states of a task. On the wire they carry Mesos' names (<c>TASK_RUNNING</c>, …).
/// </summary>
/// <remarks>
/// <code>
///   STAGING ──► STARTING ──► RUNNING ──► KILLING ──► KILLED
///      │            │           │  ▲
///      │            │           │  └──── UNREACHABLE (agent back in time)
///      │            │           ▼
///      └────────────┴──► FINISHED | FAILED | ERROR | LOST | DROPPED | GONE | GONE_BY_OPERATOR
/// </code>
/// Terminal states never change again; UNREACHABLE and UNKNOWN are not terminal.
/// </remarks>
public enum TaskState
{
    /// <summary>Launched by the master, not yet acknowledged by the agent.</summary>
    [JsonStringEnumMemberName("TASK_STAGING")]
    Staging,

    /// <summary>The agent is starting the task.</summary>
    [JsonStringEnumMemberName("TASK_STARTING")]
    Starting,

    /// <summary>The task runs.</summary>
    [JsonStringEnumMemberName("TASK_RUNNING")]
    Running,

    /// <summary>A kill was requested and is under way.</summary>
    [JsonStringEnumMemberName("TASK_KILLING")]
    Killing,

    /// <summary>The task exited with status 0.</summary>
    [JsonStringEnumMemberName("TASK_FINISHED")]
    Finished,

    /// <summary>The task exited with a non-zero status or a signal.</summary>
    [JsonStringEnumMemberName("TASK_FAILED")]
    Failed,

    /// <summary>The task was killed on request.</summary>
    [JsonStringEnumMemberName("TASK_KILLED")]
    Killed,

    /// <summary>The task could not be launched (bad task description).</summary>
    [JsonStringEnumMemberName("TASK_ERROR")]
    Error,

    /// <summary>The task's fate is unknown and it will not come back.</summary>
    [JsonStringEnumMemberName("TASK_LOST")]
    Lost,

    /// <summary>The task was never launched (agent gone before it started).</summary>
    [JsonStringEnumMemberName("TASK_DROPPED")]
    Dropped,

    /// <summary>The task's agent stopped answering; it may come back.</summary>
    [JsonStringEnumMemberName("TASK_UNREACHABLE")]
    Unreachable,

    /// <summary>The task's agent was removed; the task is gone.</summary>
    [JsonStringEnumMemberName("TASK_GONE")]
    Gone,

    /// <summary>An operator marked the task's agent gone.</summary>
    [JsonStringEnumMemberName("TASK_GONE_BY_OPERATOR")]
    GoneByOperator,

    /// <summary>The master has no record of the task.</summary>
    [JsonStringEnumMemberName("TASK_UNKNOWN")]
    Unknown,
}
