using System.Globalization;
using System.Text.Json;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>
/// An app and its reconciliation loop. Every event (an apply, a status update, a timer) only wakes the loop; the
/// loop re-reads desired and actual state, asks the <see cref="ReconcilePlanner"/> what to do, stores the result
/// in one transaction, and only then acts (launch requests, kills), so a crash never leaves a task nobody knows.
/// </summary>
[GrainType("app")]
[KeepAlive]
internal sealed partial class AppGrain : Grain, IAppGrain
{
    private const string Containerizer = "process";
    private static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(5);
    private readonly IPersistentState<AppRecord> _app;
    private readonly IPersistentMap<InstanceRecord> _instances;
    private readonly IPersistentMap<AppDefinition> _versions;
    private readonly GrainServices _services;
    private readonly ILogger _logger;
    private readonly AppEventLog _events;
    private readonly Dictionary<string, string> _unplaced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private AppStatus _status = new();
    private bool _appChanged;
    private bool _reconcilePending;
    private IDisposable? _wakeTimer;
    private IDisposable? _resyncTimer;
    private DateTimeOffset? _wakeAt;

    public AppGrain(IGrainContext context, GrainServices services) : base(context)
    {
        _app = context.State<AppRecord>("app");
        _instances = context.Map<InstanceRecord>("instances");
        _versions = context.Map<AppDefinition>("versions");
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<AppGrain>();
        _events = new AppEventLog(services.Options.EventsPerApp);
    }

    private AppId Id => AppId.Parse(Key);

    private bool Exists => _app.State.Definition is not null;

    private IFrameworkGrain Framework => GrainFactory.GetGrain<IFrameworkGrain>(IFrameworkGrain.AppsFrameworkId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return;
        }

        StartResync();
        await AdoptLaunchedTasksAsync();
        foreach (var instance in _instances.Values)
        {
            _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
        }

        await ReconcileAsync();
    }

    public async Task<ApplyOutcome> ApplyAsync(AppDefinition definition)
    {
        var now = Time.GetUtcNow();
        var app = _app.State;
        var existed = Exists && !app.Deleting;
        if (existed && Fingerprint(definition) == Fingerprint(app.Definition!))
        {
            return new ApplyOutcome(ApplyResult.Unchanged, app.Generation, app.Deployment?.Id);
        }

        var configChanged = !existed || ConfigFingerprint(definition) != ConfigFingerprint(app.Definition!);
        if (!existed)
        {
            app.Uid = Guid.CreateVersion7(now).ToString();
            app.CreatedAt = now;
            app.Deleting = false;
            app.Delay = LaunchDelay.None;
            app.LastFailure = null;
            StartResync();
        }

        var previous = app.Definition;
        app.Generation++;
        app.Definition = definition;
        app.UpdatedAt = now;
        if (configChanged)
        {
            app.ConfigGeneration = app.Generation;
            app.ConfigChangedAt = now;
            app.Delay = LaunchDelay.None; // a new config starts with a clean slate, as in Marathon
        }

        var what = !existed ? $"created with {definition.Spec.Instances} instances"
            : configChanged ? $"rolling out generation {app.Generation}"
            : $"scaling from {previous!.Spec.Instances} to {definition.Spec.Instances} instances";
        app.Deployment = new DeploymentStatus(Guid.CreateVersion7(now).ToString(), app.Generation, now, null, "Progressing", what);
        _versions.Set(VersionKey(app.Generation), definition);
        _events.Normal(now, !existed ? "Created" : configChanged ? "Configured" : "Scaled", $"generation {app.Generation}: {what}");
        _appChanged = true;
        await ReconcileAsync();
        return new ApplyOutcome(existed ? ApplyResult.Configured : ApplyResult.Created, app.Generation, app.Deployment.Id);
    }

    public Task<AppSnapshot?> GetAsync()
    {
        if (!Exists || _app.State.Deleting)
        {
            ForgetIfUnknown();
            return Task.FromResult<AppSnapshot?>(null);
        }

        return Task.FromResult<AppSnapshot?>(Snapshot());
    }

    public async Task<AppSnapshot?> ScaleAsync(int instances)
    {
        if (!Exists || _app.State.Deleting)
        {
            ForgetIfUnknown();
            return null;
        }

        var definition = _app.State.Definition!;
        await ApplyAsync(definition with { Spec = definition.Spec with { Instances = instances } });
        return Snapshot();
    }

    public async Task<bool> DeleteAsync()
    {
        if (!Exists || _app.State.Deleting)
        {
            ForgetIfUnknown();
            return false;
        }

        var now = Time.GetUtcNow();
        _app.State.Deleting = true;
        _app.State.Deployment = new DeploymentStatus(Guid.CreateVersion7(now).ToString(), _app.State.Generation, now, null, "Progressing", "deleting");
        _events.Normal(now, "Deleting", "killing every instance");
        _appChanged = true;
        _services.Observer.AppRemoved(Id);
        await ReconcileAsync();
        return true;
    }

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

        if (instance.State is { } known && known.IsTerminal())
        {
            return Task.CompletedTask;
        }

        var now = Time.GetUtcNow();
        instance.State = update.State;
        instance.AgentId ??= update.AgentId;
        instance.Healthy = update.Healthy ?? instance.Healthy;
        instance.Message = update.Message;
        instance.ExitCode = update.ExitCode ?? instance.ExitCode;
        if (update.State == TaskState.Running)
        {
            instance.StartedAt ??= update.Timestamp;
        }

        if (update.State.IsTerminal())
        {
            OnInstanceEnded(instance, update, now);
        }

        _instances.Set(instanceId, instance);
        _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
        RequestReconcile();
        return Task.CompletedTask;
    }

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

    // An activation for an app that does not exist (a lookup of a wrong name) is not kept.
    private void ForgetIfUnknown()
    {
        if (!Exists)
        {
            Context.DeactivateOnIdle();
        }
    }

    private void StartResync()
    {
        var period = _services.Options.AppResyncPeriod;
        _resyncTimer ??= Context.RegisterTimer(_ => ReconcileAsync(), period, period);
    }

    private double KillGrace => _app.State.Definition?.Spec.TaskKillGracePeriodSeconds ?? _services.Options.DefaultKillGracePeriodSeconds;

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
        app.Delay = app.Delay.AfterFailure(app.Definition!.Spec, now);
        app.LastFailure = new FailureInfo(instance.InstanceId, update.TaskId, update.State.WireName(), update.ExitCode, update.Message, update.Timestamp, update.StderrTail);
        _appChanged = true;
        _events.Warning(now, "InstanceFailed",
            $"instance {instance.InstanceId} ended ({how}); a replacement launches in {app.Delay.Current.TotalSeconds:0.###} s");
        LogInstanceEnded(_logger, Key, instance.InstanceId, how, app.Delay.Current.TotalSeconds);
    }

    private void RequestReconcile()
    {
        if (_reconcilePending)
        {
            return;
        }

        _reconcilePending = true;
        Context.Post(() =>
        {
            _reconcilePending = false;
            return ReconcileAsync();
        });
    }

    private async Task ReconcileAsync()
    {
        if (!Exists)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var app = _app.State;
        var spec = app.Deleting ? app.Definition!.Spec with { Instances = 0 } : app.Definition!.Spec;
        var delay = app.Delay.At(spec, now);
        if (delay != app.Delay)
        {
            app.Delay = delay;
            _appChanged = true;
        }

        var plan = ReconcilePlanner.Plan(new ReconcileInput(spec, app.ConfigGeneration, _instances.Values.Select(i => i.ToView()).ToList(), app.Delay, now));
        foreach (var id in plan.Expunge)
        {
            Forget(id);
        }

        var cancelled = Kill(plan.Kill, now);
        var launches = Launch(plan.Launch, spec, now);
        CompleteDeployment(plan, now);
        _status = AppStatusBuilder.Build(spec, app.Generation, plan, app.Delay, app.LastFailure, app.Deployment, PendingReason(), _status.Conditions, now);

        // Durable first, then act: a launch request for an instance not yet stored could be lost and duplicated.
        await WriteAsync();
        if (launches.Count > 0)
        {
            Framework.RequestLaunchesAsync(launches).Ignore();
        }

        if (cancelled.Count > 0)
        {
            Framework.CancelLaunchesAsync(Id, cancelled).Ignore();
        }

        ScheduleWake(plan.WakeAt);
        if (app.Deleting && _instances.Count == 0)
        {
            await FinishDeleteAsync();
            return;
        }

        if (!app.Deleting)
        {
            _services.Observer.AppChanged(Snapshot());
        }
    }

    private List<string> Kill(IReadOnlyList<string> ids, DateTimeOffset now)
    {
        var cancelled = new List<string>();
        foreach (var id in ids)
        {
            var instance = _instances[id];
            instance.StopRequested = true;
            if (!instance.IsPlaced)
            {
                cancelled.Add(id);
                Forget(id);
                continue;
            }

            SendKill(instance, now);
        }

        // Kills that got no answer are sent again on the next resync.
        var retryBefore = now - _services.Options.AppResyncPeriod;
        foreach (var instance in _instances.Values.Where(i => i.StopRequested && i.IsPlaced && i.KillSentAt < retryBefore).ToList())
        {
            SendKill(instance, now);
        }

        return cancelled;
    }

    private void SendKill(InstanceRecord instance, DateTimeOffset now)
    {
        instance.KillSentAt = now;
        _instances.Set(instance.InstanceId, instance);
        _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
        GrainFactory.GetGrain<IAgentGrain>(instance.AgentId!).KillTaskAsync(instance.TaskId, KillGrace).Ignore();
    }

    private List<AppLaunch> Launch(int count, AppSpec spec, DateTimeOffset now)
    {
        for (int i = 0; i < count; i++)
        {
            var instanceId = InstanceIds.New(Id, Guid.CreateVersion7(now));
            var instance = new InstanceRecord
            {
                InstanceId = instanceId,
                TaskId = InstanceIds.TaskIdOf(instanceId),
                ConfigGeneration = _app.State.ConfigGeneration,
                CreatedAt = now,
            };
            _instances.Set(instanceId, instance);
            _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
        }

        // Every waiting instance this activation has not asked for yet is asked for: new ones, and after a restart old ones.
        var current = _app.State.Definition!.Spec;
        return _instances.Values
            .Where(i => !i.IsPlaced && !i.StopRequested && _requested.Add(i.InstanceId))
            .Select(i => new AppLaunch(LaunchRequest.For(Id, i.InstanceId, i.ConfigGeneration, current, Containerizer), current))
            .ToList();
    }

    private void Forget(string instanceId)
    {
        _instances.Remove(instanceId);
        _unplaced.Remove(instanceId);
        _requested.Remove(instanceId);
        _services.Observer.InstanceRemoved(Id, instanceId);
    }

    private void CompleteDeployment(ReconcilePlan plan, DateTimeOffset now)
    {
        var deployment = _app.State.Deployment;
        if (deployment is { FinishedAt: null } && plan.Converged)
        {
            _app.State.Deployment = deployment with { FinishedAt = now, Phase = "Complete" };
            _events.Normal(now, "DeploymentComplete", $"generation {deployment.Generation}: {plan.Counts.Desired} instances running");
            _appChanged = true;
        }
    }

    private string? PendingReason() =>
        _unplaced.Values.GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    private async Task WriteAsync()
    {
        var facets = new List<IPersistentFacet>(3);
        if (_appChanged)
        {
            facets.Add(_app);
        }

        if (_instances.HasChanges)
        {
            facets.Add(_instances);
        }

        if (_versions.HasChanges)
        {
            facets.Add(_versions);
        }

        if (facets.Count > 0)
        {
            await Context.WriteAsync([.. facets]);
            _appChanged = false;
        }
    }

    private async Task FinishDeleteAsync()
    {
        foreach (var version in _versions.Keys.ToList())
        {
            _versions.Remove(version);
        }

        await _versions.WriteStateAsync();
        await _app.ClearStateAsync();
        _wakeTimer?.Dispose();
        _resyncTimer?.Dispose();
        _resyncTimer = null;
        LogDeleted(_logger, Key);
        Context.DeactivateOnIdle();
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

    private void ScheduleWake(DateTimeOffset? at)
    {
        if (at == _wakeAt)
        {
            return;
        }

        _wakeTimer?.Dispose();
        _wakeAt = at;
        if (at is { } due)
        {
            // A timer may fire a little early; the margin keeps the backoff from being judged still on.
            var delay = due - Time.GetUtcNow() + WakeMargin;
            _wakeTimer = Context.RegisterTimer(_ =>
            {
                _wakeAt = null;
                return ReconcileAsync();
            }, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private AppSnapshot Snapshot()
    {
        var app = _app.State;
        return new AppSnapshot
        {
            Id = Id,
            Definition = app.Definition!,
            Generation = app.Generation,
            ConfigGeneration = app.ConfigGeneration,
            Uid = app.Uid,
            CreatedAt = app.CreatedAt,
            UpdatedAt = app.UpdatedAt,
            ConfigChangedAt = app.ConfigChangedAt,
            Deleting = app.Deleting,
            Status = _status,
            Events = _events.All,
        };
    }

    private static string VersionKey(long generation) => generation.ToString("D19", CultureInfo.InvariantCulture);

    private static string Fingerprint(AppDefinition definition) => JsonSerializer.Serialize(definition, Json.Options);

    // What decides whether instances must be replaced: everything but the instance count and the annotations.
    private static string ConfigFingerprint(AppDefinition definition) => JsonSerializer.Serialize(definition.Spec with { Instances = 0 }, Json.Options);

    [LoggerMessage(Level = LogLevel.Information, Message = "App {AppId}: instance {InstanceId} ended ({How}); next launch in {Delay} s")]
    private static partial void LogInstanceEnded(ILogger logger, string appId, string instanceId, string how, double delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "App {AppId} deleted")]
    private static partial void LogDeleted(ILogger logger, string appId);
}
