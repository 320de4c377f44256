namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>
/// What the containerizer knows about one container: its wrapper process (the group leader), how its exit is
/// watched (a child <see cref="System.Diagnostics.Process"/> or a pidfd), and whether it was asked to die.
/// </summary>
internal sealed class ProcessContainer
{
    private readonly TaskCompletionSource<ContainerExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task? _kill;
    private volatile bool _killRequested;
    private volatile bool _escalated;

    /// <summary>Creates the state of a launched or recovered container.</summary>
    public ProcessContainer(ContainerRecord record, ContainerMetadata metadata, int pid, ulong startTime)
    {
        Record = record;
        Metadata = metadata;
        Pid = pid;
        StartTime = startTime;
    }

    /// <summary>The record returned by launch or given to recovery.</summary>
    public ContainerRecord Record { get; }

    /// <summary>The container id.</summary>
    public string Id => Record.ContainerId;

    /// <summary>The metadata directory.</summary>
    public ContainerMetadata Metadata { get; }

    /// <summary>The wrapper's pid, which is also the process group and session id; 0 when unknown.</summary>
    public int Pid { get; }

    /// <summary>The wrapper's start time in clock ticks since boot (field 22 of /proc/pid/stat).</summary>
    public ulong StartTime { get; }

    /// <summary>The wrapper when this agent process started it, else null.</summary>
    public System.Diagnostics.Process? Child { get; init; }

    /// <summary>The pidfd watched for a re-adopted wrapper, else -1.</summary>
    public int Pidfd { get; set; } = -1;

    /// <summary>Completes with the container's end.</summary>
    public Task<ContainerExit> Exited => _exit.Task;

    /// <summary>True once the container has ended.</summary>
    public bool HasExited => _exit.Task.IsCompleted;

    /// <summary>True once a kill was requested.</summary>
    public bool KillRequested => _killRequested;

    /// <summary>True once the kill went on to SIGKILL after the grace period.</summary>
    public bool Escalated => _escalated;

    /// <summary>Marks that a kill was requested, before the first signal goes out.</summary>
    public void MarkKillRequested() => _killRequested = true;

    /// <summary>Marks the escalation to SIGKILL, before it goes out, so the exit says so.</summary>
    public void MarkEscalated() => _escalated = true;

    /// <summary>Records the end; the first one wins.</summary>
    public bool TryComplete(ContainerExit exit) => _exit.TrySetResult(exit);

    /// <summary>The one kill sequence of this container, started by the first caller.</summary>
    public Task GetOrStartKill(Func<ProcessContainer, Task> start)
    {
        lock (_gate)
        {
            return _kill ??= start(this);
        }
    }
}
