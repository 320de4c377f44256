using System.Diagnostics;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Agents;

/// <summary>
/// An agent as the master sees it: its registration (durable), its channel, and the tasks on it. Launches and
/// kills pass through it to the agent process; a launch the agent cannot take turns into TASK_DROPPED. Liveness is
/// watched outside it (pings cost no grain call and no write): an agent declared unreachable has its tasks made
/// TASK_UNREACHABLE here; tasks its apps gave up on meanwhile are remembered (a row each) and killed when it comes back.
/// </summary>
[GrainType("agent")]
[KeepAlive]
internal sealed partial class AgentGrain : Grain, IAgentGrain
{
    private readonly IPersistentState<AgentRecord> _agent;
    private readonly IPersistentMap<AgentTask> _tasks;
    private readonly IPersistentMap<AgentTask> _expunged;
    private readonly GrainServices _services;
    private readonly ILogger _logger;
    private IAgentChannel? _channel;
    private DateTimeOffset? _registeredAt;

    public AgentGrain(IGrainContext context, GrainServices services) : base(context)
    {
        _agent = context.State<AgentRecord>("agent");
        _tasks = context.Map<AgentTask>("tasks");
        _expunged = context.Map<AgentTask>("expunged");
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<AgentGrain>();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_agent.RecordExists && _agent.State.Status == AgentStatuses.Active)
        {
            // Known from before this master started: it counts once it registers again.
            _agent.State.Status = AgentStatuses.Recovering;
            Publish();
        }

        return Task.CompletedTask;
    }

    public async Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request)
    {
        var now = Time.GetUtcNow();
        var agent = _agent.State;
        var reregistering = _agent.RecordExists;
        // An agent that was unreachable had its tasks made TASK_UNREACHABLE, and a crash may have kept the apps from
        // hearing it: its tasks' grains take every report in. Otherwise the apps pass over what they know already.
        var throughTaskGrains = agent.Status is not (AgentStatuses.Active or AgentStatuses.Recovering);
        agent.Hostname = request.Hostname;
        agent.Endpoint = request.Endpoint;
        agent.Resources = request.Resources;
        agent.Attributes = request.Attributes.ToDictionary();
        agent.Containerizers = [.. request.Containerizers];
        agent.Status = AgentStatuses.Active;
        if (reregistering)
        {
            agent.ReregisteredAt = now;
        }
        else
        {
            agent.RegisteredAt = now;
        }

        _channel = _services.AgentChannels.Open(Key, request.Endpoint);
        _registeredAt = now;

        var running = request.Tasks.Where(t => !t.Status.State.IsTerminal()).ToList();
        await GrainFactory.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).AddAgentAsync(
            new AgentInfo(Key, agent.Hostname, agent.Resources, agent.Attributes, agent.Containerizers),
            [.. running.Select(t => new TaskHold(t.Launch.TaskId, t.Launch.FrameworkId, t.Launch.Resources))]);

        // The agent's word on its tasks is the truth: each task grain takes in what is news, and the apps hear of it.
        // The record says ACTIVE only once an unreachable agent's tasks were taken in: a crash before that leaves it
        // unreachable, so its next registration takes them in again.
        if (throughTaskGrains)
        {
            await Task.WhenAll(request.Tasks.Select(t =>
                GrainFactory.GetGrain<ITaskGrain>(t.Launch.TaskId).AdoptAsync(t, Key, agent.Hostname)));
        }
        else
        {
            foreach (var byFramework in request.Tasks.GroupBy(t => t.Launch.FrameworkId, StringComparer.Ordinal))
            {
                GrainFactory.GetGrain<IFrameworkGrain>(byFramework.Key).OnTasksReportedAsync(Key, agent.Hostname, [.. byFramework]).Ignore();
            }
        }

        await _agent.WriteStateAsync();

        // What the master launched here and the agent does not know is lost (the launch never reached it).
        var reported = request.Tasks.Select(t => t.Launch.TaskId).ToHashSet(StringComparer.Ordinal);
        var missing = _tasks.Where(t => !reported.Contains(t.Key)).ToList();
        await Task.WhenAll(missing.Select(t => GrainFactory.GetGrain<ITaskGrain>(t.Key).UpdateStatusAsync(
            Status(t.Key, t.Value, TaskState.Lost, TaskReasons.Reconciliation, "the agent does not know the task: its launch never reached it"))));
        foreach (var task in running)
        {
            // A task known already is not written again: a master's restart rewrites nothing of its agents' tasks.
            var entry = new AgentTask(task.Launch.FrameworkId, task.Launch.AppId);
            if (!_tasks.TryGetValue(task.Launch.TaskId, out var known) || known != entry)
            {
                _tasks.Set(task.Launch.TaskId, entry);
            }
        }

        missing.ForEach(t => _tasks.Remove(t.Key));
        if (_tasks.HasChanges)
        {
            await _tasks.WriteStateAsync();
        }

        // Tasks given up on while the agent was away: adopted above (so their end gives their resources back), and
        // the agent kills them. The agent has now reported everything, so no older tombstone matters any more.
        var toKill = running.Where(t => _expunged.ContainsKey(t.Launch.TaskId)).Select(t => t.Launch.TaskId).ToList();
        if (_expunged.Count > 0)
        {
            foreach (var taskId in _expunged.Keys.ToList())
            {
                _expunged.Remove(taskId);
            }

            await _expunged.WriteStateAsync();
        }

        LogRegistered(_logger, Key, agent.Hostname, reregistering, running.Count);
        if (toKill.Count > 0)
        {
            LogKillingExpunged(_logger, Key, toKill.Count);
        }

        Publish();
        return new RegisterAgentResponse { AgentId = Key, HeartbeatInterval = _services.Options.HeartbeatInterval, TasksToKill = toKill };
    }

    public async Task MarkUnreachableAsync(DateTimeOffset lastSeen)
    {
        if (!_agent.RecordExists || (_registeredAt is { } registered && registered > lastSeen))
        {
            return; // unknown, or it registered again since the silence began
        }

        var wasStatus = _agent.State.Status;
        _channel = null;
        if (wasStatus != AgentStatuses.Unreachable)
        {
            _agent.State.Status = AgentStatuses.Unreachable;
            await _agent.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).DeactivateAgentAsync(Key);
        var message = $"the agent has not answered since {lastSeen:O}";
        await Task.WhenAll(_tasks.Select(t => GrainFactory.GetGrain<ITaskGrain>(t.Key).UpdateStatusAsync(
            Status(t.Key, t.Value, TaskState.Unreachable, TaskReasons.AgentUnreachable, message))));
        LogUnreachable(_logger, Key, _agent.State.Hostname, lastSeen, _tasks.Count);
        Publish();
    }

    public async Task ExpungeTaskAsync(string taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task) || _agent.State.Status == AgentStatuses.Active)
        {
            return; // ended meanwhile, or the agent is back and reported it (its app then kills it as unknown)
        }

        _tasks.Remove(taskId);
        _expunged.Set(taskId, task);
        await Context.WriteAsync(_tasks, _expunged);
        await GrainFactory.GetGrain<ITaskGrain>(taskId).UpdateStatusAsync(Status(
            taskId, task, TaskState.Gone, TaskReasons.AgentRemoved, "its agent stayed unreachable past the app's expungeAfterSeconds"));
        Publish();
    }

    public async Task PrepareLaunchAsync(IReadOnlyList<TaskLaunch> tasks)
    {
        foreach (var task in tasks)
        {
            _tasks.Set(task.TaskId, new AgentTask(task.FrameworkId, task.AppId));
        }

        await _tasks.WriteStateAsync();
    }

    public async Task LaunchAsync(IReadOnlyList<TaskLaunch> launches)
    {
        // A registration between the launch's preparation and now found these tasks unknown to the agent and lost
        // them: sent now, they would run with no task of the master's behind them.
        var tasks = launches.Where(t => _tasks.ContainsKey(t.TaskId)).ToList();
        if (tasks.Count == 0)
        {
            return;
        }

        var spans = LaunchSpans(tasks);
        try
        {
            var channel = _channel ?? throw new InvalidOperationException($"agent {Key} is not connected");
            var sent = spans is null ? tasks : tasks.Select((t, i) => t with { TraceParent = Traces.Context(spans[i]) ?? t.TraceParent }).ToList();
            await channel.LaunchAsync(new LaunchTasksRequest(sent), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLaunchFailed(_logger, Key, tasks.Count, e.Message);
            await Task.WhenAll(tasks.Select(t => Drop(t, e.Message)));
            spans?.ForEach(s => s?.SetStatus(ActivityStatusCode.Error, e.Message));
        }
        finally
        {
            spans?.ForEach(s => s?.Dispose());
        }

        Publish();
    }

    // A span per task, in the task's trace; the launch the agent gets names it as its parent. With one task, the
    // channel's call runs in its span too (an HTTP channel then sends it as the request's traceparent).
    private List<Activity?>? LaunchSpans(IReadOnlyList<TaskLaunch> tasks)
    {
        if (!Sources.Grains.HasListeners())
        {
            return null;
        }

        var turn = Activity.Current;
        var spans = tasks.Select(t => Traces.StartChild(Sources.Grains, "launch on agent", t.TraceParent, ActivityKind.Producer)
            ?.SetTag(TraceAttributes.TaskId, t.TaskId)
            .SetTag(TraceAttributes.AppId, t.AppId)
            .SetTag(TraceAttributes.AgentId, Key)).ToList();
        Activity.Current = spans is [{ } only] ? only : turn;
        return spans;
    }

    public async Task KillTaskAsync(string taskId, double gracePeriodSeconds)
    {
        try
        {
            var channel = _channel ?? throw new InvalidOperationException($"agent {Key} is not connected");
            await channel.KillAsync(new KillTaskRequest(taskId, gracePeriodSeconds), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The app asks again on its next resync.
            LogKillFailed(_logger, Key, taskId, e.Message);
        }
    }

    public async Task OnTaskEndedAsync(string taskId)
    {
        if (_tasks.Remove(taskId))
        {
            await _tasks.WriteStateAsync();
            Publish();
        }
    }

    public Task<AgentSnapshot?> GetAsync() => Task.FromResult(_agent.RecordExists ? Snapshot() : null);

    private Task Drop(TaskLaunch task, string reason) =>
        GrainFactory.GetGrain<ITaskGrain>(task.TaskId).UpdateStatusAsync(Status(
            task.TaskId, new AgentTask(task.FrameworkId, task.AppId), TaskState.Dropped, TaskReasons.LaunchFailed, $"the agent could not take the task: {reason}"));

    // An update the master makes itself about a task on this agent.
    private TaskStatusUpdate Status(string taskId, AgentTask task, TaskState state, string reason, string message) =>
        TaskStatusUpdate.Of(taskId, task.FrameworkId, task.AppId, Key, state, Time.GetUtcNow()) with { Reason = reason, Message = message };

    private void Publish() => _services.Observer.AgentChanged(Snapshot());

    private AgentSnapshot Snapshot()
    {
        var agent = _agent.State;
        return new AgentSnapshot
        {
            AgentId = Key,
            Hostname = agent.Hostname,
            Endpoint = agent.Endpoint,
            Resources = agent.Resources,
            Attributes = agent.Attributes,
            Containerizers = agent.Containerizers,
            Status = agent.Status,
            RegisteredAt = agent.RegisteredAt,
            ReregisteredAt = agent.ReregisteredAt,
            TaskCount = _tasks.Count,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} ({Hostname}) registered (again: {Again}) with {Tasks} running tasks")]
    private static partial void LogRegistered(ILogger logger, string agentId, string hostname, bool again, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} ({Hostname}) is unreachable: silent since {LastSeen:O}; its {Tasks} tasks are TASK_UNREACHABLE")]
    private static partial void LogUnreachable(ILogger logger, string agentId, string hostname, DateTimeOffset lastSeen, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} is back with {Count} tasks that were replaced meanwhile: it kills them")]
    private static partial void LogKillingExpunged(ILogger logger, string agentId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} could not take {Count} tasks: {Reason}")]
    private static partial void LogLaunchFailed(ILogger logger, string agentId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} could not kill {TaskId}: {Reason}")]
    private static partial void LogKillFailed(ILogger logger, string agentId, string taskId, string reason);
}
