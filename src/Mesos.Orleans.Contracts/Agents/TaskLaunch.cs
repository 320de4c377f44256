using System.Text.Json.Serialization;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Contracts.Agents;

/// <summary>
/// What an agent needs to start one task (Mesos' TaskInfo): its identity, its command, the resources it was
/// given (host ports included) and how to stop it.
/// </summary>
public sealed record TaskLaunch
{
    /// <summary>The task's id, unique in the cluster.</summary>
    public required string TaskId { get; init; }

    /// <summary>The framework that launched the task.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>The app the task belongs to, for tasks of the built-in apps framework.</summary>
    public string? AppId { get; init; }

    /// <summary>The app instance the task runs.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The command to run.</summary>
    public required CommandSpec Command { get; init; }

    /// <summary>The resources the task holds on its agent, host ports included.</summary>
    public required ResourceSet Resources { get; init; }

    /// <summary>
    /// The host ports in the order of the app's port definitions ($PORT0, $PORT1, …); with port mappings, the host
    /// ports of the mappings in their order.
    /// </summary>
    public IReadOnlyList<long> HostPorts { get; init; } = [];

    /// <summary>The container to run the command in (Mesos' ContainerInfo), or null for a plain process.</summary>
    public TaskContainer? Container { get; init; }

    /// <summary>The containerizer the task needs: <c>docker</c> with a container, else <c>process</c>.</summary>
    [JsonIgnore]
    public string Containerizer => Container is null ? ContainerSpec.ProcessContainerizer : ContainerSpec.DockerContainerizer;

    /// <summary>Seconds between SIGTERM and SIGKILL when the task is killed.</summary>
    public double KillGracePeriodSeconds { get; init; } = 3;

    /// <summary>Health and readiness checks the agent runs next to the task.</summary>
    public IReadOnlyList<TaskCheck> Checks { get; init; } = [];

    /// <summary>Labels, carried onto containers.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that sent the launch (the deployment's trace), so the agent's spans of
    /// this task join it however the launch travelled and after an agent restart; null when nobody traces.
    /// </summary>
    public string? TraceParent { get; init; }
}

/// <summary>
/// A task's command: a shell command line (run as <c>/bin/sh -c value</c>) or an argument vector, and the
/// environment the master computed for it ($PORT0, $HOST, MARATHON_APP_ID, …).
/// </summary>
public sealed record CommandSpec
{
    /// <summary>True to run <see cref="Value"/> under <c>/bin/sh -c</c>; false to run <see cref="Arguments"/> directly.</summary>
    public bool Shell { get; init; } = true;

    /// <summary>The shell command line when <see cref="Shell"/> is true.</summary>
    public string? Value { get; init; }

    /// <summary>The argument vector when <see cref="Shell"/> is false; the first is the program.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables for the task.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The Docker container of a task: its image, its network, and its port mappings and volumes with everything
/// resolved (the host ports taken from the offer). A command that is neither a shell line nor arguments runs the
/// image's default.
/// </summary>
public sealed record TaskContainer
{
    /// <summary>The image.</summary>
    public required string Image { get; init; }

    /// <summary>Pull the image even when the agent has it.</summary>
    public bool ForcePullImage { get; init; }

    /// <summary>The network: the host's, Docker's bridge, or a named container network.</summary>
    public NetworkMode Network { get; init; } = NetworkMode.Host;

    /// <summary>The name of a <see cref="NetworkMode.Container"/> network.</summary>
    public string? NetworkName { get; init; }

    /// <summary>The container ports and the host ports they are published on.</summary>
    public IReadOnlyList<TaskPortMapping> PortMappings { get; init; } = [];

    /// <summary>The host paths mounted into the container.</summary>
    public IReadOnlyList<TaskVolume> Volumes { get; init; } = [];
}

/// <summary>A container port published on a host port (both resolved).</summary>
public sealed record TaskPortMapping(int ContainerPort, long HostPort, string Protocol);

/// <summary>A host path mounted into a container.</summary>
public sealed record TaskVolume(string HostPath, string ContainerPath, bool ReadOnly);
