using System.Globalization;
using System.Text.Json;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>
/// An app and its reconciliation loop. Every event (an apply, a status update, a timer) only wakes the loop; the
/// loop re-reads desired and actual state, asks the <see cref="ReconcilePlanner"/> what to do, stores the result
/// in one transaction, and only then acts (launch requests, kills), so a crash never leaves a task nobody knows.
/// </summary>
/// <remarks>
/// This file holds the changes people make (apply, scale, rollback, restart, cancel, delete); the events from
/// the cluster are in <c>AppGrain.Events.cs</c>, the loop itself in <c>AppGrain.Reconcile.cs</c>.
/// </remarks>
[GrainType("app")]
[KeepAlive]
internal sealed partial class AppGrain : Grain, IAppGrain
{
    private const int MaxVersions = 50;
    private readonly IPersistentState<AppRecord> _app;
    private readonly IPersistentMap<InstanceRecord> _instances;
    private readonly IPersistentMap<AppVersion> _versions;
    private readonly GrainServices _services;
    private readonly ILogger _logger;
    private readonly AppEventLog _events;

    public AppGrain(IGrainContext context, GrainServices services) : base(context)
    {
        _app = context.State<AppRecord>("app");
        _instances = context.Map<InstanceRecord>("instances");
        _versions = context.Map<AppVersion>("versions");
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<AppGrain>();
        _events = new AppEventLog(services.Options.EventsPerApp);
        Id = AppId.Parse(Key);
    }

    // Parsed once: a pass over 1,000 instances names the app for each of them.
    private AppId Id { get; }

    private bool Exists => _app.State.Definition is not null;

    private bool Live => Exists && !_app.State.Deleting;

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
        var app = _app.State;
        if (Live && Fingerprint(definition) == Fingerprint(app.Definition!))
        {
            return new ApplyOutcome(ApplyResult.Unchanged, app.Generation, app.Deployment?.Id);
        }

        var existed = Live;
        await ChangeAsync(definition, existed ? null : Deployments.Create, newConfig: false);
        return new ApplyOutcome(existed ? ApplyResult.Configured : ApplyResult.Created, _app.State.Generation, _app.State.Deployment!.Id);
    }

    public Task<AppSnapshot?> GetAsync() => Task.FromResult(Live ? Snapshot() : Unknown<AppSnapshot>());

    public async Task<AppSnapshot?> ScaleAsync(int instances)
    {
        if (!Live)
        {
            return Unknown<AppSnapshot>();
        }

        var definition = _app.State.Definition!;
        await ApplyAsync(definition with { Spec = definition.Spec with { Instances = instances } });
        return Snapshot();
    }

    public Task<IReadOnlyList<AppVersion>> GetVersionsAsync() =>
        Task.FromResult<IReadOnlyList<AppVersion>>(Live ? [.. _versions.Values.OrderByDescending(v => v.Generation)] : []);

    public async Task<ApplyOutcome?> RollbackAsync(long? toGeneration)
    {
        if (!Live)
        {
            return Unknown<ApplyOutcome>();
        }

        var current = _app.State.Definition!;
        var target = toGeneration is { } generation
            ? _versions.Values.FirstOrDefault(v => v.Generation == generation) ?? throw new ArgumentException($"app {Id} has no version {generation}")
            : _versions.Values.OrderByDescending(v => v.Generation).FirstOrDefault(v => ConfigFingerprint(v.Definition) != ConfigFingerprint(current))
              ?? throw new ArgumentException($"app {Id} has no earlier version with another config to roll back to");

        // The config of the version, the instance count of now (as `kubectl rollout undo`).
        var definition = target.Definition with { Spec = target.Definition.Spec with { Instances = current.Spec.Instances } };
        await ChangeAsync(definition, Deployments.Rollback, newConfig: false, $"rolling back to the config of generation {target.Generation}");
        return new ApplyOutcome(ApplyResult.Configured, _app.State.Generation, _app.State.Deployment!.Id);
    }

    public async Task<ApplyOutcome?> RestartAsync()
    {
        if (!Live)
        {
            return Unknown<ApplyOutcome>();
        }

        await ChangeAsync(_app.State.Definition!, Deployments.Restart, newConfig: true, "restarting every instance");
        return new ApplyOutcome(ApplyResult.Configured, _app.State.Generation, _app.State.Deployment!.Id);
    }

    public async Task<DeploymentStatus?> CancelDeploymentAsync(bool force)
    {
        if (!Live || _app.State.Deployment is not { InProgress: true } deployment)
        {
            return Unknown<DeploymentStatus>();
        }

        var now = Time.GetUtcNow();
        if (force)
        {
            _app.State.Paused = true;
            _app.State.Deployment = Deployments.End(deployment, DeploymentStatus.Cancelled, "cancelled: instances are left as they are", now);
            _events.Warning(now, "DeploymentCancelled", $"deployment {deployment.Id} cancelled; instances are left as they are");
            MarkChanged();
            await ReconcileAsync();
            return _app.State.Deployment;
        }

        await RollBackAsync(deployment, "cancelled", now);
        return _app.State.Deployment;
    }

    public async Task<IReadOnlyList<string>> KillTasksAsync(IReadOnlyList<string> taskIds, bool scale)
    {
        if (!Live)
        {
            return [];
        }

        var now = Time.GetUtcNow();
        var killed = _instances.Values.Where(i => taskIds.Contains(i.TaskId) && !i.StopRequested).ToList();
        foreach (var instance in killed)
        {
            instance.StopRequested = true;
            _instances.Set(instance.InstanceId, instance);
            if (instance.IsPlaced)
            {
                SendKill(instance, now);
            }
        }

        _events.Normal(now, "Killed", $"{killed.Count} tasks killed on request{(scale ? ", scaling down" : "")}");
        if (scale)
        {
            // Always a deployment, even of nothing: the caller is answered with its id and may wait for its end.
            var definition = _app.State.Definition!;
            var instances = Math.Max(0, definition.Spec.Instances - killed.Count);
            await ChangeAsync(definition with { Spec = definition.Spec with { Instances = instances } }, Deployments.Scale, newConfig: false);
        }
        else
        {
            await ReconcileAsync();
        }

        return killed.Select(i => i.TaskId).ToList();
    }

    public async Task<bool> ResetDelayAsync()
    {
        if (!Live)
        {
            ForgetIfUnknown();
            return false;
        }

        if (_app.State.Delay != LaunchDelay.None)
        {
            _app.State.Delay = LaunchDelay.None;
            _events.Normal(Time.GetUtcNow(), "BackoffReset", "the launch delay was reset on request");
            MarkChanged();
        }

        await ReconcileAsync();
        return true;
    }

    public async Task<bool> DeleteAsync()
    {
        if (!Live)
        {
            ForgetIfUnknown();
            return false;
        }

        var now = Time.GetUtcNow();
        var app = _app.State;
        app.Deleting = true;
        Supersede(now);
        app.Deployment = Deployments.Start(Deployments.Delete, app.Generation, app.Generation, app.Definition!.Spec, "deleting", now);
        TraceDeployment(app.Deployment);
        _events.Normal(now, "Deleting", "killing every instance");
        MarkChanged();
        _services.Observer.AppRemoved(Id);
        await ReconcileAsync();
        return true;
    }

    /// <summary>
    /// Makes <paramref name="definition"/> the app's, as a new generation and a deployment of kind <paramref name="kind"/>
    /// (null: scale or upgrade, whichever it is). A config seen before gets its config generation back, so the
    /// instances already running it stay; <paramref name="newConfig"/> forces a new one (a restart).
    /// </summary>
    private async Task ChangeAsync(AppDefinition definition, string? kind, bool newConfig, string? message = null)
    {
        var now = Time.GetUtcNow();
        var app = _app.State;
        var creating = !Live;
        if (creating)
        {
            app.Uid = Guid.CreateVersion7(now).ToString();
            app.CreatedAt = now;
            app.Deleting = false;
            app.Delay = LaunchDelay.None;
            app.LastFailure = null;
            StartResync();
        }

        var from = creating ? 0 : app.Generation;
        var configChanged = creating || newConfig || ConfigFingerprint(definition) != ConfigFingerprint(app.Definition!);
        app.Generation++;
        app.Definition = definition;
        app.UpdatedAt = now;
        app.Paused = false;
        if (configChanged)
        {
            var known = newConfig ? null : KnownConfig(definition);
            app.ConfigGeneration = known?.ConfigGeneration ?? app.Generation;
            app.ConfigChangedAt = known?.CreatedAt ?? now;
            app.Delay = LaunchDelay.None; // a new config starts with a clean slate, as in Marathon
        }

        kind ??= configChanged ? Deployments.Upgrade : Deployments.Scale;
        message ??= kind switch
        {
            Deployments.Create => $"created with {definition.Spec.Instances} instances",
            Deployments.Scale => $"scaling to {definition.Spec.Instances} instances",
            _ => $"rolling out generation {app.Generation}",
        };
        Supersede(now);
        app.Deployment = Deployments.Start(kind, from, app.Generation, definition.Spec, message, now);
        TraceDeployment(app.Deployment);
        RememberVersion(definition, now);
        _events.Normal(now, kind == Deployments.Create ? "Created" : kind, $"generation {app.Generation}: {message}");
        MarkChanged();
        await ReconcileAsync();
    }

    // Rolls back the deployment under way to the definition it started from (a new app: deletes it).
    private async Task RollBackAsync(DeploymentStatus deployment, string why, DateTimeOffset now)
    {
        var previous = _versions.Values.FirstOrDefault(v => v.Generation == deployment.FromGeneration);
        _app.State.Deployment = Deployments.End(deployment, DeploymentStatus.RolledBack, $"{why}: rolled back", now);
        _events.Warning(now, "DeploymentRolledBack", $"deployment {deployment.Id} {why}; rolling back to generation {deployment.FromGeneration}");
        if (previous is null)
        {
            await DeleteAsync();
            return;
        }

        await ChangeAsync(previous.Definition, Deployments.Rollback, newConfig: false, $"rolling back to generation {previous.Generation} ({why})");
    }

    private void Supersede(DateTimeOffset now)
    {
        if (_app.State.Deployment is { InProgress: true } running)
        {
            _app.State.Deployment = Deployments.End(running, DeploymentStatus.Superseded, "superseded by a newer change", now);
            _events.Normal(now, "DeploymentSuperseded", $"deployment {running.Id} superseded");
        }
    }

    private void RememberVersion(AppDefinition definition, DateTimeOffset now)
    {
        var app = _app.State;
        _versions.Set(VersionKey(app.Generation), new AppVersion(app.Generation, app.ConfigGeneration, now, definition));
        foreach (var old in _versions.Values.OrderByDescending(v => v.Generation).Skip(MaxVersions).ToList())
        {
            _versions.Remove(VersionKey(old.Generation));
        }
    }

    // The newest version with the same config, if any: the app goes back to its config generation.
    private AppVersion? KnownConfig(AppDefinition definition)
    {
        var config = ConfigFingerprint(definition);
        return _versions.Values.OrderByDescending(v => v.Generation).FirstOrDefault(v => ConfigFingerprint(v.Definition) == config);
    }

    // A lookup of an app that does not exist: answer null and do not keep the activation.
    private T? Unknown<T>() where T : class
    {
        ForgetIfUnknown();
        return null;
    }

    private void ForgetIfUnknown()
    {
        if (!Exists)
        {
            Context.DeactivateOnIdle();
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
