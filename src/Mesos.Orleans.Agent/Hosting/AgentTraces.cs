using System.Diagnostics;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Telemetry.Tracing;

namespace Mesos.Orleans.Agent.Hosting;

/// <summary>
/// The agent's spans: a task's start joins the trace its launch names; its updates until it is up (RUNNING, and
/// healthy when it has health checks) are children of the start, later ones (a crash, a kill) new traces linked to
/// it. Each update carries its span's context to the master, batched and resent as it may be.
/// </summary>
internal static class AgentTraces
{
    public static Activity? StartTask(TaskLaunch launch, string? agentId) =>
        Traces.StartChild(Sources.Agent, "start task", launch.TraceParent, ActivityKind.Consumer)
            ?.SetTag(TraceAttributes.TaskId, launch.TaskId)
            .SetTag(TraceAttributes.AppId, launch.AppId)
            .SetTag(TraceAttributes.InstanceId, launch.InstanceId)
            .SetTag(TraceAttributes.FrameworkId, launch.FrameworkId)
            .SetTag(TraceAttributes.AgentId, agentId)
            .SetTag(TraceAttributes.ContainerRuntime, launch.Containerizer);

    public static TaskStatusUpdate StatusUpdate(RunningTask task, TaskStatusUpdate update)
    {
        var startingUp = task.StartingUp;
        if (update.State.IsTerminal() || (update.State == TaskState.Running && (!task.Checkpoint.Launch.Checks.Any(c => !c.Readiness) || update.Healthy == true)))
        {
            task.StartingUp = false;
        }

        if (!Sources.Agent.HasListeners())
        {
            return update;
        }

        var started = Traces.Parse(task.Checkpoint.TraceParent ?? task.Checkpoint.Launch.TraceParent);
        var name = $"status update {update.State.WireName()}";
        using var activity = startingUp
            ? Traces.Start(Sources.Agent, name, started, kind: ActivityKind.Producer)
            : Traces.Start(Sources.Agent, name, default, started, ActivityKind.Producer);
        activity?.SetTag(TraceAttributes.TaskId, update.TaskId)
            .SetTag(TraceAttributes.AppId, update.AppId)
            .SetTag(TraceAttributes.AgentId, update.AgentId)
            .SetTag(TraceAttributes.TaskState, update.State.WireName())
            .SetTag(TraceAttributes.TaskHealthy, update.Healthy)
            .SetTag(TraceAttributes.CheckResult, update.CheckResult)
            .SetTag(TraceAttributes.ProcessExitCode, update.ExitCode);
        if (update.State is TaskState.Failed or TaskState.Error or TaskState.Lost)
        {
            activity?.SetStatus(ActivityStatusCode.Error, update.Message);
        }

        return update with { TraceParent = Traces.Context(activity) };
    }
}
