using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;

namespace Mesos.Orleans.Core.Tests.Support;

/// <summary>Instances and planner inputs for reconciliation tests.</summary>
internal static class Fleet
{
    public static readonly DateTimeOffset T0 = Cluster.T0;

    public static AppSpec Spec(int instances, double minimumHealthCapacity = 1, double maximumOverCapacity = 1, KillSelection killSelection = KillSelection.YoungestFirst) =>
        new()
        {
            Cmd = "sleep 1000",
            Instances = instances,
            KillSelection = killSelection,
            UpgradeStrategy = new UpgradeStrategy { MinimumHealthCapacity = minimumHealthCapacity, MaximumOverCapacity = maximumOverCapacity },
        };

    /// <summary>An instance created <paramref name="minute"/> minutes after T0, running (when it runs) since then.</summary>
    public static InstanceView Instance(string id, InstancePhase phase = InstancePhase.Running, long generation = 1, int minute = 0, bool stopping = false, bool? healthy = null) =>
        new(id, generation, phase, stopping, healthy, T0.AddMinutes(minute), phase is InstancePhase.Running or InstancePhase.Killing ? T0.AddMinutes(minute) : null);

    /// <summary><paramref name="count"/> running instances named <paramref name="prefix"/>1, 2, … started a minute apart.</summary>
    public static IEnumerable<InstanceView> Serving(int count, long generation = 1, string prefix = "i", bool? healthy = true) =>
        Enumerable.Range(1, count).Select(i => Instance($"{prefix}{i}", generation: generation, minute: i, healthy: healthy));

    public static ReconcileInput Input(AppSpec spec, IEnumerable<InstanceView> instances, long generation = 1, LaunchDelay? delay = null, DateTimeOffset? now = null) =>
        new(spec, generation, [.. instances], delay ?? LaunchDelay.None, now ?? T0.AddHours(1));

    public static ReconcilePlan Plan(AppSpec spec, IEnumerable<InstanceView> instances, long generation = 1, LaunchDelay? delay = null, DateTimeOffset? now = null) =>
        ReconcilePlanner.Plan(Input(spec, instances, generation, delay, now));
}
