using System.Globalization;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>
/// Turns a task into the engine's create request (what <c>docker run</c> would be given), with Marathon's and
/// Mesos' rules. A pure function: everything it needs is in its arguments.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>cmd</c> runs as <c>/bin/sh -c cmd</c> (entrypoint <c>["/bin/sh", "-c"]</c>, command <c>[cmd]</c>);
/// <c>args</c> are the command, given to the image's entrypoint; neither keeps the image's defaults.</item>
/// <item><c>cpus</c> is a CPU quota (NanoCpus, between Docker's 0.01 and the host's CPUs; 0 is none); <c>mem</c> the
/// memory limit, swap included (Docker's least is 6 MB; 0 is none).</item>
/// <item>The sandbox is mounted at <c>/mnt/mesos/sandbox</c>, which <c>$MESOS_SANDBOX</c> names, as Mesos does.</item>
/// <item>Port mappings publish each container port on its host port (both protocols for <c>udp,tcp</c>).</item>
/// </list>
/// </remarks>
public static class DockerTaskTranslator
{
    /// <summary>Where the task's sandbox is mounted in the container.</summary>
    public const string SandboxMountPath = "/mnt/mesos/sandbox";

    private const double MinimumCpus = 0.01;
    private const double MinimumMemoryMb = 6;

    /// <summary>The create request of <paramref name="launch"/>'s container on the agent <paramref name="agentId"/>.</summary>
    /// <exception cref="ArgumentException">The task has no Docker container.</exception>
    public static CreateContainerRequest Translate(ContainerLaunch launch, string agentId, DockerContainerizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(options);
        var task = launch.Task;
        var container = task.Container ?? throw new ArgumentException($"Task {task.TaskId} has no Docker container", nameof(launch));
        var (entrypoint, cmd) = Command(task.Command);
        var published = container.Network == NetworkMode.Host ? [] : container.PortMappings;
        return new CreateContainerRequest
        {
            Name = DockerLabels.ContainerName(agentId, task.TaskId),
            Image = container.Image,
            Entrypoint = entrypoint,
            Cmd = cmd,
            Env = Environment(launch.Environment),
            Labels = Labels(task, agentId),
            ExposedPorts = published.Count == 0 ? null : [.. published.SelectMany(PortKeys).Distinct(StringComparer.Ordinal)],
            HostConfig = new HostConfig
            {
                NetworkMode = container.Network switch
                {
                    NetworkMode.ContainerBridge => "bridge",
                    NetworkMode.Container => container.NetworkName,
                    _ => "host",
                },
                PortBindings = published.Count == 0 ? null : PortBindings(published),
                Binds = [new VolumeBind(launch.SandboxDirectory, SandboxMountPath), .. container.Volumes.Select(v => new VolumeBind(v.HostPath, v.ContainerPath, v.ReadOnly))],
                NanoCpus = NanoCpus(task.Resources.Cpus, options.HostCpus),
                Memory = MemoryBytes(task.Resources.Mem),
                MemorySwap = MemoryBytes(task.Resources.Mem),
                Init = options.Init ? true : null,
                AutoRemove = false, // the agent reads the exit state, then removes it; and it restarts tasks, not Docker
            },
        };
    }

    /// <summary>The quota of <paramref name="cpus"/> in billionths of a CPU, within what Docker accepts.</summary>
    public static long NanoCpus(double cpus, int hostCpus) =>
        cpus <= 0 ? 0 : (long)Math.Round(Math.Clamp(cpus, MinimumCpus, Math.Max(hostCpus, 1)) * 1e9);

    /// <summary>The memory limit of <paramref name="mb"/> MB in bytes, at least Docker's least.</summary>
    public static long MemoryBytes(double mb) => mb <= 0 ? 0 : (long)Math.Round(Math.Max(mb, MinimumMemoryMb) * 1024 * 1024);

    private static (IReadOnlyList<string>? Entrypoint, IReadOnlyList<string>? Cmd) Command(CommandSpec command) =>
        command.Shell && command.Value is { } line ? (["/bin/sh", "-c"], [line])
        : !command.Shell && command.Arguments.Count > 0 ? (null, command.Arguments)
        : (null, null);

    private static List<string> Environment(IReadOnlyDictionary<string, string> environment)
    {
        var variables = new SortedDictionary<string, string>(environment.ToDictionary(), StringComparer.Ordinal)
        {
            ["MESOS_SANDBOX"] = SandboxMountPath,
        };
        return [.. variables.Select(kv => kv.Key + "=" + kv.Value)];
    }

    private static Dictionary<string, string> Labels(TaskLaunch task, string agentId)
    {
        var labels = new Dictionary<string, string>(task.Labels, StringComparer.Ordinal)
        {
            [DockerLabels.TaskId] = task.TaskId,
            [DockerLabels.AgentId] = agentId,
            [DockerLabels.FrameworkId] = task.FrameworkId,
        };
        if (task.AppId is { } app)
        {
            labels[DockerLabels.AppId] = app;
        }

        return labels;
    }

    private static IEnumerable<string> PortKeys(TaskPortMapping mapping) =>
        mapping.Protocol.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(protocol => string.Create(CultureInfo.InvariantCulture, $"{mapping.ContainerPort}/{protocol}"));

    private static Dictionary<string, IReadOnlyList<PortBinding>?> PortBindings(IReadOnlyList<TaskPortMapping> mappings) =>
        mappings
            .SelectMany(m => PortKeys(m).Select(key => (Key: key, Binding: PortBinding.Create(checked((int)m.HostPort)))))
            .GroupBy(b => b.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PortBinding>?)[.. g.Select(b => b.Binding)], StringComparer.Ordinal);
}
