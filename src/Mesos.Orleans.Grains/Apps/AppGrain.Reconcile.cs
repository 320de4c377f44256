using System.Diagnostics;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Core.Scheduling.Constraints;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>The reconciliation loop: plan from desired and actual state, store, then act.</summary>
internal sealed partial class AppGrain
{
    private static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(5);
    private readonly Dictionary<string, string> _unplaced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private AppStatus _status = new();
    private bool _appChanged;
    private bool _reconcilePending;
    private IDisposable? _wakeTimer;
    private IDisposable? _resyncTimer;
    private IDisposable? _pacingTimer;
    private long _lastPassAt;
    private DateTimeOffset? _wakeAt;

    private IFrameworkGrain Framework => GrainFactory.GetGrain<IFrameworkGrain>(IFrameworkGrain.AppsFrameworkId);

    private double KillGrace => _app.State.Definition?.Spec.TaskKillGracePeriodSeconds ?? _services.Options.DefaultKillGracePeriodSeconds;

    private void MarkChanged() => _appChanged = true;

    private void StartResync()
    {
        var period = _services.Options.AppResyncPeriod;
        _resyncTimer ??= Context.RegisterTimer(_ => ReconcileAsync(), period, period);
    }

    // One pass for every event that comes before it runs; soon after a pass, it waits out the app's spacing (see
    // ReconcilePacing) so that a stream of events costs a pass per batch, not one each.
    private void RequestReconcile()
    {
        if (_reconcilePending)
        {
            return;
        }

        _reconcilePending = true;
        MesosMetrics.ReconcileQueue.Add(1);
        var delay = _lastPassAt == 0 ? TimeSpan.Zero : ReconcilePacing.Delay(_instances.Count, Time.GetElapsedTime(_lastPassAt));
        if (delay == TimeSpan.Zero)
        {
            Context.Post(RunRequestedAsync);
            return;
        }

        // A timer's turn belongs to no trace: the pass joins the trace of the event that asked for it.
        var cause = Activity.Current;
        _pacingTimer = Context.RegisterTimer(_ =>
        {
            Activity.Current = cause;
            return RunRequestedAsync();
        }, delay, Timeout.InfiniteTimeSpan);
    }

    private Task RunRequestedAsync()
    {
        _pacingTimer?.Dispose();
        _pacingTimer = null;
        _reconcilePending = false;
        MesosMetrics.ReconcileQueue.Add(-1);
        return ReconcileAsync();
    }

    private async Task ReconcileAsync()
    {
        if (!Exists)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        _lastPassAt = Time.GetTimestamp();
        try
        {
            await ReconcileOnceAsync();
        }
        finally
        {
            MesosMetrics.ReconcileDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task ReconcileOnceAsync()
    {

        var now = Time.GetUtcNow();
        var app = _app.State;
        if (app.Deployment is { InProgress: true, DeadlineAt: { } deadline } late && deadline <= now && !app.Deleting)
        {
            await TimeOutAsync(late, now);
            return;
        }

        var spec = app.Deleting ? app.Definition!.Spec with { Instances = 0 } : app.Definition!.Spec;
        var delay = app.Delay.At(spec, now);
        if (delay != app.Delay)
        {
            app.Delay = delay;
            MarkChanged();
        }

        var plan = ReconcilePlanner.Plan(new ReconcileInput(spec, app.ConfigGeneration, Views(), app.Delay, now));
        using var activity = ReconcileSpan(plan);
        var abandoned = new List<InstanceRecord>();
        foreach (var id in plan.Expunge)
        {
            if (_instances[id] is { State: { } state, AgentId: not null } instance && !state.IsTerminal())
            {
                // Unreachable past expungeAfterSeconds: forgotten here, given up on at its agent.
                abandoned.Add(instance);
                _events.Warning(now, "Expunged", $"instance {id} was unreachable for too long: forgotten, and killed should its agent come back");
            }

            Forget(id);
        }

        var cancelled = Kill(plan.Kill, now);
        var launches = Launch(plan.Launch, spec, now);
        Progress(plan, now);
        _status = AppStatusBuilder.Build(spec, app.Generation, plan, app.Delay, app.LastFailure, app.Deployment, PendingReason(), _status.Conditions, now) with
        {
            UpToDate = Views().Count(v => v.ConfigGeneration == app.ConfigGeneration && !v.StopRequested && v.IsHealthy),
        };

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

        foreach (var instance in abandoned)
        {
            GrainFactory.GetGrain<IAgentGrain>(instance.AgentId!).ExpungeTaskAsync(instance.TaskId).Ignore();
        }

        ScheduleWake(Earliest(plan.WakeAt, app.Deployment is { InProgress: true } d ? d.DeadlineAt : null));
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

    // Every instance as the planner sees it; after a forced cancel, older configs count as current.
    private List<InstanceView> Views()
    {
        var app = _app.State;
        return _instances.Values
            .Select(i => i.ToView())
            .Select(v => app.Paused ? v with { ConfigGeneration = app.ConfigGeneration } : v)
            .ToList();
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
                HasHealthChecks = spec.HealthChecks is { Count: > 0 },
                HasReadinessChecks = spec.ReadinessChecks is { Count: > 0 },
            };
            _instances.Set(instanceId, instance);
            _services.Observer.InstanceChanged(instance.ToSnapshot(Id));
        }

        CountReplacements(count);

        // Every waiting instance this activation has not asked for yet is asked for: new ones, and after a restart old ones.
        var current = _app.State.Definition!.Spec;
        var placed = _instances.Values
            .Where(i => i.Hostname is not null && !i.StopRequested && i.State?.IsTerminal() != true)
            .Select(i => new PlacedInstance(i.Hostname!, i.AgentAttributes))
            .ToList();
        return _instances.Values
            .Where(i => !i.IsPlaced && !i.StopRequested && _requested.Add(i.InstanceId))
            .Select(i => new AppLaunch(LaunchRequest.For(Id, i.InstanceId, i.ConfigGeneration, current, ContainerSpec.ContainerizerOf(current)) with { Placed = placed }, current)
            {
                TraceParent = Traces.Current,
            })
            .ToList();
    }

    private void Forget(string instanceId)
    {
        _instances.Remove(instanceId);
        _unplaced.Remove(instanceId);
        _requested.Remove(instanceId);
        _services.Observer.InstanceRemoved(Id, instanceId);
    }

    // Where the deployment under way stands: done, or stuck and why.
    private void Progress(ReconcilePlan plan, DateTimeOffset now)
    {
        var app = _app.State;
        if (app.Deployment is not { InProgress: true } deployment || app.Deleting)
        {
            return;
        }

        if (plan.Converged)
        {
            app.Deployment = Deployments.End(deployment, DeploymentStatus.Complete, deployment.Message, now);
            _events.Normal(now, "DeploymentComplete", $"generation {deployment.Generation}: {plan.Counts.Desired} instances running");
            MarkChanged();
            return;
        }

        var current = _instances.Values.Where(i => i.ConfigGeneration == app.ConfigGeneration);
        var stalled = Deployments.Stalled(plan, app.Delay, app.LastFailure, PendingReason(), current, now);
        if (stalled != deployment.Stalled)
        {
            app.Deployment = deployment with { Stalled = stalled };
            MarkChanged();
        }
    }

    private async Task TimeOutAsync(DeploymentStatus deployment, DateTimeOffset now)
    {
        var app = _app.State;
        var seconds = app.Definition!.Spec.DeploymentTimeoutSeconds ?? 0;
        var why = $"did not finish within {seconds:0.#} s{(deployment.Stalled is { } s ? $" ({s})" : "")}";
        if (app.Definition.Spec.DeploymentTimeoutAction == DeploymentTimeoutAction.Rollback && deployment.Kind != Deployments.Rollback)
        {
            await RollBackAsync(deployment, why, now);
            return;
        }

        app.Deployment = Deployments.End(deployment, DeploymentStatus.Failed, why, now);
        _events.Warning(now, "DeploymentFailed", $"deployment {deployment.Id} {why}");
        MarkChanged();
        await ReconcileAsync();
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

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
