using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
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

        await _agent.WriteStateAsync();
        _channel = _services.AgentChannels.Open(Key, request.Endpoint);
        _registeredAt = now;

        var running = request.Tasks.Where(t => !t.Status.State.IsTerminal()).ToList();
        // Ended tasks count as used too: adopting them below recovers exactly what they held.
        var used = request.Tasks.GroupBy(t => t.Launch.FrameworkId)
            .Select(g => new FrameworkUsage(g.Key, g.Select(t => t.Launch.Resources).Aggregate((a, b) => a + b)))
            .ToList();
        await GrainFactory.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).AddAgentAsync(
            new AgentInfo(Key, agent.Hostname, agent.Resources, agent.Attributes, agent.Containerizers), used);

        // The agent's word on its tasks is the truth: each task grain takes it in, and the apps hear of it.
        await Task.WhenAll(request.Tasks.Select(t =>
            GrainFactory.GetGrain<ITaskGrain>(t.Launch.TaskId).AdoptAsync(t, Key, agent.Hostname)));

        // What the master launched here and the agent does not know is lost (the launch never reached it).
        var reported = request.Tasks.Select(t => t.Launch.TaskId).ToHashSet(StringComparer.Ordinal);
        var missing = _tasks.Where(t => !reported.Contains(t.Key)).ToList();
        await Task.WhenAll(missing.Select(t => GrainFactory.GetGrain<ITaskGrain>(t.Key).UpdateStatusAsync(
            Status(t.Key, t.Value, TaskState.Lost, TaskReasons.Reconciliation, "the agent does not know the task: its launch never reached it"))));
        foreach (var task in running)
        {
            _tasks.Set(task.Launch.TaskId, new AgentTask(task.Launch.FrameworkId, task.Launch.AppId));
        }

        missing.ForEach(t => _tasks.Remove(t.Key));
        await _tasks.WriteStateAsync();

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

    public async Task LaunchAsync(IReadOnlyList<TaskLaunch> tasks)
    {
        try
        {
            var channel = _channel ?? throw new InvalidOperationException($"agent {Key} is not connected");
            await channel.LaunchAsync(new LaunchTasksRequest(tasks), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLaunchFailed(_logger, Key, tasks.Count, e.Message);
            await Task.WhenAll(tasks.Select(t => Drop(t, e.Message)));
        }

        Publish();
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
