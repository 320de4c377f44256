using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Master.Tests.Support;

/// <summary>Snapshots as the grains publish them, for tests of what the master makes of them.</summary>
public static class Snapshots
{
    /// <summary>A fixed moment the snapshots are dated from.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An app created at <see cref="T0"/>, its creation deployed or under way.</summary>
    public static AppSnapshot App(string name, int instances = 1, DeploymentStatus? deployment = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var id = AppId.Parse(name);
        var spec = AppSpecDefaults.Normalize(new AppSpec { Id = id.Path, Cmd = "sleep 1000", Instances = instances, Labels = labels });
        return new AppSnapshot
        {
            Id = id,
            Definition = new AppDefinition(id, spec, new Dictionary<string, string>()),
            Generation = 1,
            ConfigGeneration = 1,
            Uid = "uid-" + name,
            CreatedAt = T0,
            UpdatedAt = T0,
            ConfigChangedAt = T0,
            Status = new AppStatus { Deployment = deployment ?? Deploying("d1", 1, T0) },
        };
    }

    /// <summary>A deployment under way.</summary>
    public static DeploymentStatus Deploying(string id, long generation, DateTimeOffset startedAt) =>
        new(id, generation, startedAt, null, "Progressing", "deploying");

    /// <summary>The same deployment, done.</summary>
    public static DeploymentStatus Done(DeploymentStatus deployment, DateTimeOffset at) =>
        deployment with { FinishedAt = at, Phase = "Complete" };

    /// <summary>An instance of <paramref name="app"/> in <paramref name="state"/>.</summary>
    public static InstanceSnapshot Instance(AppSnapshot app, string instanceId, string state, bool? healthy = null) => new()
    {
        InstanceId = instanceId,
        TaskId = instanceId + "._app.1",
        App = app.Id,
        ConfigGeneration = app.ConfigGeneration,
        State = state,
        AgentId = state == InstanceSnapshot.ScheduledState ? null : "agent-1",
        Hostname = state == InstanceSnapshot.ScheduledState ? null : "host-1",
        Ports = state == InstanceSnapshot.ScheduledState ? [] : [31000],
        CreatedAt = T0,
        StagedAt = state == InstanceSnapshot.ScheduledState ? null : T0.AddSeconds(1),
        StartedAt = state == "TASK_RUNNING" ? T0.AddSeconds(2) : null,
        Healthy = healthy,
    };
}
