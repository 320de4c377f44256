using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>Desired and actual state of one app at one moment: everything the planner looks at.</summary>
public sealed record ReconcileInput(
    AppSpec Spec,
    long ConfigGeneration,
    IReadOnlyList<InstanceView> Instances,
    LaunchDelay Delay,
    DateTimeOffset Now);
