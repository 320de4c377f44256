namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>Settings of the Docker containerizer, with their defaults.</summary>
public sealed record DockerContainerizerOptions
{
    /// <summary>
    /// Run an init process (Docker's <c>--init</c>) as the container's PID 1, so that a stop's SIGTERM reaches the
    /// task's command (a shell as PID 1 ignores it) and zombies are reaped: a kill ends a container as it ends a
    /// process task.
    /// </summary>
    public bool Init { get; init; } = true;

    /// <summary>The engine's CPUs: Docker refuses a CPU quota above them, so a task's <c>cpus</c> is capped there.</summary>
    public int HostCpus { get; init; } = Environment.ProcessorCount;

    /// <summary>How long an ended container's output may take to reach the sandbox before its end is reported.</summary>
    public TimeSpan LogDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
