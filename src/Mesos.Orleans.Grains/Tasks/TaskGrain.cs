using System.Diagnostics;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Tasks;

/// <summary>
/// A task's state machine. Updates are applied once each (by uuid), only along allowed transitions, and made
/// durable before the call returns, which is when the agent gets its acknowledgement. A task that ends gives its
/// resources back and its record is removed: the app keeps what it needs of the end.
/// </summary>
[GrainType("task")]
internal sealed partial class TaskGrain : Grain, ITaskGrain
{
    private const int RememberedUpdates = 8;
    private readonly IPersistentState<TaskRecord> _task;
    private readonly ILogger _logger;

    public TaskGrain(IGrainContext context, ILogger<TaskGrain> logger) : base(context)
    {
        _task = context.State<TaskRecord>("task");
        _logger = logger;
    }

    public async Task LaunchAsync(TaskLaunch launch, string agentId, string hostname)
    {
        if (_task.RecordExists)
        {
            return;
        }

        _task.State = new TaskRecord { Launch = launch, AgentId = agentId, Hostname = hostname, State = TaskState.Staging, StagedAt = Time.GetUtcNow() };
        await _task.WriteStateAsync();
    }

    public async Task UpdateStatusAsync(TaskStatusUpdate update)
    {
        // The agent's span that made the update is the parent: the app's reaction (a replacement) joins its trace.
        using var activity = Traces.StartChild(Sources.Grains, $"status update {update.State.WireName()}", update.TraceParent, ActivityKind.Consumer)
            ?.SetTag(TraceAttributes.TaskId, update.TaskId)
            .SetTag(TraceAttributes.AgentId, update.AgentId)
            .SetTag(TraceAttributes.AppId, update.AppId)
            .SetTag(TraceAttributes.TaskState, update.State.WireName());
        var task = _task.State;
        if (!_task.RecordExists)
        {
            task.AgentId = update.AgentId;
            task.StagedAt = update.Timestamp;
        }
        else if (task.RecentUpdates.Contains(update.Uuid) || task.State.IsTerminal())
        {
            // A resend, or news of a task already ended. The resend of the latest update is passed on again: the
            // master may have died after making it durable and before the app heard of it (the app applies it once).
            if (task.LastStatus?.Uuid == update.Uuid)
            {
                GrainFactory.GetGrain<IFrameworkGrain>(update.FrameworkId).OnTaskStatusAsync(task.LastStatus).Ignore();
            }

            return;
        }
        else if (update.State != task.State && !TaskStates.CanTransition(task.State, update.State))
        {
            LogRefusedTransition(_logger, Key, task.State.WireName(), update.State.WireName());
            return;
        }

        task.State = update.State;
        task.LastStatus = update;
        MesosMetrics.StatusUpdates.Add(1, new KeyValuePair<string, object?>("state", update.State.WireName()));
        if (update.State == TaskState.Running)
        {
            task.StartedAt ??= update.Timestamp;
        }

        task.RecentUpdates.Add(update.Uuid);
        if (task.RecentUpdates.Count > RememberedUpdates)
        {
            task.RecentUpdates.RemoveAt(0);
        }

        if (update.State.IsTerminal())
        {
            await EndAsync(update);
            return;
        }

        await _task.WriteStateAsync();
        GrainFactory.GetGrain<IFrameworkGrain>(update.FrameworkId).OnTaskStatusAsync(update).Ignore();
    }

    public async Task AdoptAsync(TaskReport report, string agentId, string hostname)
    {
        if (!_task.RecordExists)
        {
            _task.State = new TaskRecord { Launch = report.Launch, AgentId = agentId, Hostname = hostname, StagedAt = report.Status.Timestamp };
            await _task.WriteStateAsync();
        }

        var status = report.Status;
        if (_task.State.State is TaskState.Unreachable or TaskState.Unknown && !status.State.IsTerminal())
        {
            // Its agent is back: the state it reports is news even when it is the update seen before the silence.
            status = status with { Uuid = Guid.NewGuid(), Timestamp = Time.GetUtcNow() };
        }

        await UpdateStatusAsync(status);
    }

    public Task<TaskSnapshot?> GetAsync()
    {
        var task = _task.State;
        return Task.FromResult(_task.RecordExists && task.Launch is not null
            ? new TaskSnapshot(task.Launch, task.AgentId, task.Hostname, task.State, task.StagedAt, task.StartedAt, task.LastStatus)
            : null);
    }

    // The end: resources back to the allocator (whatever the books hold for it: a task the master had ended before
    // may have been booked again when its agent reported it), the agent and the framework told, the record gone.
    private async Task EndAsync(TaskStatusUpdate update)
    {
        var agentId = _task.State.AgentId.Length > 0 ? _task.State.AgentId : update.AgentId;
        GrainFactory.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).RecoverAsync(agentId, Key).Ignore();
        if (_task.RecordExists)
        {
            await _task.ClearStateAsync();
        }

        GrainFactory.GetGrain<IAgentGrain>(agentId).OnTaskEndedAsync(Key).Ignore();
        GrainFactory.GetGrain<IFrameworkGrain>(update.FrameworkId).OnTaskStatusAsync(update).Ignore();
        Context.DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: update to {To} refused in state {From}")]
    private static partial void LogRefusedTransition(ILogger logger, string taskId, string from, string to);
}
