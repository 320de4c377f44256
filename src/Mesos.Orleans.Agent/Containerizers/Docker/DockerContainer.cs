namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>One task's container as the Docker containerizer tracks it: its engine id, its log copy, its end.</summary>
internal sealed class DockerContainer(string taskId, string name, string sandboxDirectory, double memoryMb) : IDisposable
{
    private readonly TaskCompletionSource<ContainerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _logs = new();
    private int _ending;

    public string TaskId { get; } = taskId;

    /// <summary>The container's name (the agent's and the task's ids).</summary>
    public string Name { get; } = name;

    public string SandboxDirectory { get; } = sandboxDirectory;

    /// <summary>The memory limit, for the sentence of an OOM kill.</summary>
    public double MemoryMb { get; } = memoryMb;

    /// <summary>The engine's id, once created; the name stands for it until then.</summary>
    public string? DockerId { get; set; }

    /// <summary>The id or, before the container exists, its name.</summary>
    public string Reference => DockerId ?? Name;

    /// <summary>True once the engine started it (or, recovered, found it started).</summary>
    public bool Started { get; set; }

    /// <summary>When a restarted agent took it over: an end the engine recorded before then happened while the agent was down.</summary>
    public DateTimeOffset? AdoptedAt { get; init; }

    /// <summary>True once a kill was asked for: its end is then KILLED, not FAILED.</summary>
    public bool KillRequested { get; set; }

    /// <summary>The copy of the container's output into the sandbox, while one runs.</summary>
    public Task LogCopy { get; set; } = Task.CompletedTask;

    /// <summary>Cancels <see cref="LogCopy"/>.</summary>
    public CancellationToken LogToken => _logs.Token;

    public Task<ContainerExit> Exited => _exited.Task;

    /// <summary>True for the one caller that gets to work out the container's end (events and fallbacks race).</summary>
    public bool TryBeginEnding() => Interlocked.Exchange(ref _ending, 1) == 0;

    public void Complete(ContainerExit exit) => _exited.TrySetResult(exit);

    public void StopLogCopy()
    {
        try
        {
            _logs.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Releases the log copy's token; call once the copy has ended.</summary>
    public void Dispose() => _logs.Dispose();
}
