using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Scheduling.Constraints;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>
/// One app instance waiting to be placed: what it needs from an offer (ports by count, or the exact numbers when
/// the app requires its ports), its app's constraints and where the app's instances already run.
/// </summary>
public sealed record LaunchRequest(
    AppId App,
    string InstanceId,
    long ConfigGeneration,
    ResourceSet Resources,
    int PortCount,
    IReadOnlyList<long> RequiredPorts,
    string Containerizer)
{
    /// <summary>The app's placement constraints.</summary>
    public IReadOnlyList<PlacementConstraint> Constraints { get; init; } = [];

    /// <summary>Where the app's other instances run, for the constraints to compare with.</summary>
    public IReadOnlyList<PlacedInstance> Placed { get; init; } = [];

    /// <summary>
    /// The request for one instance of <paramref name="spec"/>; <c>portDefinitions</c> left out is Marathon's one
    /// default port, as everywhere else.
    /// </summary>
    public static LaunchRequest For(AppId app, string instanceId, long configGeneration, AppSpec spec, string containerizer) =>
        new(app, instanceId, configGeneration, spec.ScalarResources, spec.PortDefinitions?.Count ?? 1,
            spec.RequirePorts ? spec.PortDefinitions!.Select(p => (long)p.Port).ToList() : [], containerizer)
        {
            Constraints = ConstraintRules.Parse(spec.Constraints),
        };
}
