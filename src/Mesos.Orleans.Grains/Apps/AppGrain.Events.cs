using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>What the cluster tells an app: its tasks' states, where its instances went, why some wait.</summary>
internal sealed partial class AppGrain
{
    public Task OnTaskStatusAsync(TaskStatusUpdate update)
    {
        var instanceId = InstanceIds.InstanceIdOf(update.TaskId);
        if (!_instances.TryGetValue(instanceId, out var instance) || instance.TaskId != update.TaskId)
        {
            // A task this app does not know (its instance was replaced or the app deleted meanwhile): stop it.
            if (!update.State.IsTerminal())
            {
                GrainFactory.GetGrain<IAgentGrain>(update.AgentId).KillTaskAsync(update.TaskId, KillGrace).Ignore();
            }

            return Task.CompletedTask;
        }

        if (instance.State is { } ended && ended.IsTerminal())
        {
            // An end already taken in. A task that still runs after its end was decided for it (its launch call
            // failed after the agent took it) is stopped: its instance is being replaced.
            if (!update.State.IsTerminal())
            {
                GrainFactory.GetGrain<IAgentGrain>(update.AgentId).KillTaskAsync(update.TaskId, KillGrace).Ignore();
            }

            return Task.CompletedTask;
        }

        if (instance.State == update.State && TellsNothingNew(instance, update))
        {
            return Task.CompletedTask; // a resend (a re-registering agent reports every task)
        }

        var now = Time.GetUtcNow();
        var wasHealthy = instance.Healthy;
        instance.State = update.State;
        instance.AgentId ??= update.AgentId;
        instance.Healthy = update.Healthy ?? instance.Healthy;
        instance.Ready = update.Ready ?? instance.Ready;
        instance.LastCheck = update.CheckResult ?? instance.LastCheck;
        instance.Message = update.Message;
        instance.ExitCode = update.ExitCode ?? instance.ExitCode;
        if (update.State == TaskState.Running)
        {
            instance.StartedAt ??= update.Timestamp;
        }

        if (update.State is TaskState.Unreachable or TaskState.Unknown)
        {
            if (instance.UnreachableSince is null)
            {
                instance.UnreachableSince = now;
                _events.Warning(now, "Unreachable", $"instance {instance.InstanceId}: its agent {update.AgentId} does not answer");
            }
        }
        else if (instance.UnreachableSince is not null)
        {
            instance.UnreachableSince = null;
            _events.Normal(now, "Reachable", $"instance {instance.InstanceId}: its agent {update.AgentId} is back");
        }

        if (update.State.IsTerminal())
        {
            OnInstanceEnded(instance, update, now);
        }
        else if (instance.Healthy != wasHealthy && instance.Healthy is { } healthy)
        {
            var result = update.CheckResult is { } r ? $": {r}" : "";
            if (healthy)
            {
                _events.Normal(now, "Healthy", $"instance {instance.InstanceId} passes its health checks{result}");
            }
            else
            {
                _events.Warning(now, "Unhealthy", $"instance {instance.InstanceId} fails its health checks{result}");
            }
        }

        _instances.Set(instanceId, instance);
        _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
        RequestReconcile();
        return Task.CompletedTask;
    }

    public async Task OnTasksReportedAsync(string agentId, string hostname, IReadOnlyList<TaskReport> reports)
    {
        // After a master's restart every task is reported, nearly all as the app knows them: passing those over wakes
        // no task grain. The app heard an update only once its task grain had made it durable, so a report the app
        // knows is one the task grain holds too; anything else (news, a task the app lost track of) goes through it.
        var news = reports.Where(r => !Knows(agentId, r.Status)).ToList();
        await Task.WhenAll(news.Select(r => GrainFactory.GetGrain<ITaskGrain>(r.Launch.TaskId).AdoptAsync(r, agentId, hostname)));
    }

    private bool Knows(string agentId, TaskStatusUpdate update) =>
        _instances.TryGetValue(InstanceIds.InstanceIdOf(update.TaskId), out var instance)
        && instance.TaskId == update.TaskId
        && instance.AgentId == agentId
        && instance.State == update.State
        && TellsNothingNew(instance, update);

    // Whether a non-terminal update in the instance's own state changes nothing the app keeps of it.
    private static bool TellsNothingNew(InstanceRecord instance, TaskStatusUpdate update) =>
        instance.AgentId is not null
        && (update.State != TaskState.Running || instance.StartedAt is not null)
        && (update.Healthy is null || update.Healthy == instance.Healthy)
        && (update.Ready is null || update.Ready == instance.Ready)
        && (update.CheckResult is null || update.CheckResult == instance.LastCheck)
        && update.Message == instance.Message;

    public Task OnPlacedAsync(InstancePlacement placement)
    {
        if (!_instances.TryGetValue(placement.InstanceId, out var instance) || instance.StopRequested)
        {
            GrainFactory.GetGrain<IAgentGrain>(placement.AgentId).KillTaskAsync(placement.TaskId, KillGrace).Ignore();
            return Task.CompletedTask;
        }

        if (!instance.IsPlaced)
        {
            instance.AgentId = placement.AgentId;
            instance.Hostname = placement.Hostname;
            instance.Ports = [.. placement.HostPorts];
            instance.AgentAttributes = placement.Attributes.ToDictionary();
            instance.StagedAt = Time.GetUtcNow();
            instance.State ??= TaskState.Staging;
            _instances.Set(instance.InstanceId, instance);
            _unplaced.Remove(instance.InstanceId);
            _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
            RequestReconcile();
        }

        return Task.CompletedTask;
    }

    public Task OnUnplacedAsync(IReadOnlyDictionary<string, string> reasons)
    {
        foreach (var (instanceId, reason) in reasons.Where(r => _instances.ContainsKey(r.Key)))
        {
            _unplaced[instanceId] = reason;
        }

        if (reasons.Count > 0)
        {
            _events.Warning(Time.GetUtcNow(), "WaitingForResources", reasons.Values.First());
            RequestReconcile();
        }

        return Task.CompletedTask;
    }

    public Task WakeAsync()
    {
        RequestReconcile();
        return Task.CompletedTask;
    }

    private void OnInstanceEnded(InstanceRecord instance, TaskStatusUpdate update, DateTimeOffset now)
    {
        var app = _app.State;
        var how = update.Message is { } m ? $"{update.State.ShortName()}: {m}"
            : update.ExitCode is { } code ? $"{update.State.ShortName()}, exit code {code}" : update.State.ShortName();
        if (instance.StopRequested || app.Deleting)
        {
            _events.Normal(now, "Killed", $"instance {instance.InstanceId} stopped ({how})");
            return;
        }

        // Any end the app did not ask for counts as a failure and backs off, whatever the exit code (Marathon).
        RecordFailure();
        app.Delay = app.Delay.AfterFailure(app.Definition!.Spec, now);
        app.LastFailure = new FailureInfo(instance.InstanceId, update.TaskId, update.State.WireName(), update.ExitCode, update.Message, update.Timestamp, update.StderrTail);
        MarkChanged();
        _events.Warning(now, "InstanceFailed",
            $"instance {instance.InstanceId} ended ({how}); a replacement launches in {app.Delay.Current.TotalSeconds:0.###} s");
        LogInstanceEnded(_logger, Key, instance.InstanceId, how, app.Delay.Current.TotalSeconds);
    }

    // After a restart, an instance stored as waiting may have been launched just before: its task grain knows.
    private async Task AdoptLaunchedTasksAsync()
    {
        var waiting = _instances.Values.Where(i => !i.IsPlaced).ToList();
        var tasks = await Task.WhenAll(waiting.Select(i => GrainFactory.GetGrain<ITaskGrain>(i.TaskId).GetAsync()));
        for (int i = 0; i < waiting.Count; i++)
        {
            if (tasks[i] is { } task)
            {
                var instance = waiting[i];
                instance.AgentId = task.AgentId;
                instance.Hostname = task.Hostname;
                instance.Ports = [.. task.Launch.HostPorts];
                instance.StagedAt = task.StagedAt;
                instance.StartedAt = task.StartedAt;
                instance.State = task.State;
                _instances.Set(instance.InstanceId, instance);
            }
        }
    }
}
