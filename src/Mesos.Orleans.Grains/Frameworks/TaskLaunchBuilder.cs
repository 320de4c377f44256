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
        var environment = TaskEnvironment.Build(request.App, spec, request.ConfigGeneration, taskId, placement.Offer.Hostname, placement.HostPorts);
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
            HostPorts = placement.HostPorts,
            KillGracePeriodSeconds = spec.TaskKillGracePeriodSeconds ?? defaultKillGraceSeconds,
            Labels = spec.Labels ?? new Dictionary<string, string>(),
        };
    }
}
