using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;

namespace Mesos.Orleans.Grains.Frameworks;

/// <summary>Turns an instance placed on an offer into the task the agent starts (Marathon's TaskInfo).</summary>
internal static class TaskLaunchBuilder
{
    public static TaskLaunch Build(AppLaunch launch, Placement placement, string frameworkId, double defaultKillGraceSeconds)
    {
        var request = launch.Request;
        var spec = launch.Spec;
        var taskId = InstanceIds.TaskIdOf(request.InstanceId);
        var hostPorts = HostPorts(spec, placement);
        var environment = TaskEnvironment.Build(request.App, spec, request.ConfigGeneration, taskId, placement.Offer.Hostname, hostPorts);
        var command = spec.Cmd is { } cmd
            ? new CommandSpec { Shell = true, Value = cmd, Environment = environment }
            : new CommandSpec { Shell = false, Arguments = spec.Args ?? [], Environment = environment };
        return new TaskLaunch
        {
            TaskId = taskId,
            FrameworkId = frameworkId,
            AppId = request.App.Path,
            InstanceId = request.InstanceId,
            Command = command,
            Resources = placement.Resources,
            HostPorts = hostPorts,
            Container = Container(spec, hostPorts),
            KillGracePeriodSeconds = spec.TaskKillGracePeriodSeconds ?? defaultKillGraceSeconds,
            Labels = spec.Labels ?? new Dictionary<string, string>(),
        };
    }

    // With port mappings, each mapping's host port in the mappings' order: a fixed one as given, the others taken in
    // turn from the offer's ports the matcher chose besides the fixed ones.
    private static IReadOnlyList<long> HostPorts(AppSpec spec, Placement placement)
    {
        if (!spec.UsesPortMappings)
        {
            return placement.HostPorts;
        }

        var mappings = spec.Container?.PortMappings ?? [];
        var fixedPorts = mappings.Where(m => m.HostPort != 0).Select(m => (long)m.HostPort).ToHashSet();
        var any = new Queue<long>(placement.HostPorts.Where(p => !fixedPorts.Contains(p)));
        return mappings.Select(m => m.HostPort != 0 ? m.HostPort : any.Dequeue()).ToList();
    }

    private static TaskContainer? Container(AppSpec spec, IReadOnlyList<long> hostPorts)
    {
        if (spec.Container is not { Type: ContainerType.Docker, Docker.Image: { } image } container)
        {
            return null;
        }

        var network = spec.Networks is { Count: > 0 } networks ? networks[0] : new NetworkSpec();
        var mappings = spec.UsesPortMappings ? container.PortMappings ?? [] : [];
        return new TaskContainer
        {
            Image = image,
            ForcePullImage = container.Docker.ForcePullImage,
            Network = network.Mode,
            NetworkName = network.Name,
            PortMappings = [.. mappings.Select((m, i) => new TaskPortMapping(m.ContainerPort, hostPorts[i], m.Protocol))],
            Volumes = [.. (container.Volumes ?? []).Select(v => new TaskVolume(v.HostPath!, v.ContainerPath!, v.Mode == VolumeMode.ReadOnly))],
        };
    }
}
