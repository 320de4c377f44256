using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
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
        var task = _task.State;
        if (!_task.RecordExists)
        {
            task.AgentId = update.AgentId;
            task.StagedAt = update.Timestamp;
        }
        else if (task.RecentUpdates.Contains(update.Uuid) || task.State.IsTerminal())
        {
            return; // a resend, or news of a task already ended
        }
        else if (update.State != task.State && !TaskStates.CanTransition(task.State, update.State))
        {
            LogRefusedTransition(_logger, Key, task.State.WireName(), update.State.WireName());
            return;
        }

        task.State = update.State;
        task.LastStatus = update;
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

    // The end: resources back to the allocator, the agent and the framework told, the record gone.
    private async Task EndAsync(TaskStatusUpdate update)
    {
        var task = _task.State;
        if (task.Launch is { } launch)
        {
            GrainFactory.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).RecoverAsync(task.AgentId, launch.FrameworkId, launch.Resources).Ignore();
        }

        if (_task.RecordExists)
        {
            await _task.ClearStateAsync();
        }

        GrainFactory.GetGrain<IAgentGrain>(task.AgentId.Length > 0 ? task.AgentId : update.AgentId).OnTaskEndedAsync(Key).Ignore();
        GrainFactory.GetGrain<IFrameworkGrain>(update.FrameworkId).OnTaskStatusAsync(update).Ignore();
        Context.DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: update to {To} refused in state {From}")]
    private static partial void LogRefusedTransition(ILogger logger, string taskId, string from, string to);
}
