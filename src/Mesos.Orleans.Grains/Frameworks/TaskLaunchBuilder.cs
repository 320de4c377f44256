using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;

namespace Mesos.Orleans.Grains.Frameworks;

/// <summary>Turns an instance placed on an offer into the task the agent starts (Marathon's TaskInfo).</summary>
internal static class TaskLaunchBuilder
{
    /// <summary>The app's health and readiness checks, with the host port each one checks.</summary>
    public static IReadOnlyList<TaskCheck> Checks(AppSpec spec, IReadOnlyList<long> hostPorts)
    {
        var checks = new List<TaskCheck>();
        foreach (var health in spec.HealthChecks ?? [])
        {
            checks.Add(new TaskCheck
            {
                Kind = health.Kind,
                Name = $"{health.Kind.ToLowerInvariant()} health check",
                Port = (long?)health.Port ?? (health.PortIndex < hostPorts.Count ? hostPorts[health.PortIndex] : null),
                Path = health.Path,
                Command = health.Command?.Value,
                GracePeriodSeconds = health.GracePeriodSeconds,
                IntervalSeconds = health.IntervalSeconds,
                TimeoutSeconds = health.TimeoutSeconds,
                // Mesos runs MESOS_* and COMMAND checks after a delay; Marathon's own HTTP and TCP checks start at once.
                DelaySeconds = health.Protocol.StartsWith("MESOS_", StringComparison.Ordinal) || health.Kind == "COMMAND" ? health.DelaySeconds : 0,
                MaxConsecutiveFailures = health.MaxConsecutiveFailures,
                IgnoreHttp1xx = health.IgnoreHttp1xx,
            });
        }

        var portNames = spec.PortDefinitions?.Select(p => p.Name).ToList() ?? [];
        foreach (var readiness in spec.ReadinessChecks ?? [])
        {
            var index = portNames.IndexOf(readiness.PortName);
            checks.Add(new TaskCheck
            {
                Kind = readiness.Protocol,
                Name = readiness.Name,
                Readiness = true,
                Port = index >= 0 && index < hostPorts.Count ? hostPorts[index] : null,
                Path = readiness.Path,
                IntervalSeconds = readiness.IntervalSeconds,
                TimeoutSeconds = readiness.TimeoutSeconds,
                ReadyStatusCodes = readiness.HttpStatusCodesForReady,
            });
        }

        return checks;
    }

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
            Checks = Checks(spec, placement.HostPorts),
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
