using Mesos.Orleans.Agent.Checkpointing;
using Mesos.Orleans.Agent.Containerizers;

namespace Mesos.Orleans.Agent.Hosting;

/// <summary>A task this agent holds: its checkpoint (kept current) and the containerizer that runs it.</summary>
internal sealed class RunningTask(TaskCheckpoint checkpoint, IContainerizer containerizer)
{
    /// <summary>
    /// Held while the checkpoint changes and is written: the task's end, the master's acknowledgement and a check's
    /// result come on different threads, and none may undo another's change or interleave its file write.
    /// </summary>
    public Lock Gate { get; } = new();

    /// <summary>The task's checkpoint as last written; change it only under <see cref="Gate"/>.</summary>
    public TaskCheckpoint Checkpoint { get; set; } = checkpoint;

    public IContainerizer Containerizer { get; } = containerizer;

    public string TaskId => Checkpoint.Launch.TaskId;

    public bool Ended => Checkpoint.EndedAt is not null;

    /// <summary>The task's health and readiness checks, while it runs.</summary>
    public Health.TaskChecker? Checker { get; set; }

    /// <summary>
    /// True until the task is up: RUNNING, and healthy when it has health checks. Its updates until then belong to
    /// the trace of its launch.
    /// </summary>
    public bool StartingUp { get; set; } = true;

    /// <summary>Why the agent itself killed the task (failed health checks), if it did.</summary>
    public string? KillReason { get; set; }
}
