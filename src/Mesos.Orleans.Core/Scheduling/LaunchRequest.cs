using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Scheduling.Constraints;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>
/// One app instance waiting to be placed: what it needs from an offer. <see cref="PortCount"/> ports in all, of
/// which <see cref="RequiredPorts"/> are exact numbers (an app that requires its ports, fixed host ports of port
/// mappings) and the rest any ports of the offer.
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
    /// The request for one instance of <paramref name="spec"/>. With port mappings, every mapping needs a host port:
    /// the ones with a fixed <c>hostPort</c> exactly that one, the others any port of the offer. Without,
    /// <c>portDefinitions</c> left out is Marathon's one default port, as everywhere else.
    /// </summary>
    public static LaunchRequest For(AppId app, string instanceId, long configGeneration, AppSpec spec, string containerizer) =>
        (spec.UsesPortMappings
            ? new LaunchRequest(app, instanceId, configGeneration, spec.ScalarResources, spec.Container?.PortMappings?.Count ?? 0,
                (spec.Container?.PortMappings ?? []).Where(m => m.HostPort != 0).Select(m => (long)m.HostPort).ToList(), containerizer)
            : new LaunchRequest(app, instanceId, configGeneration, spec.ScalarResources, spec.PortDefinitions?.Count ?? 1,
                spec.RequirePorts ? spec.PortDefinitions!.Select(p => (long)p.Port).ToList() : [], containerizer))
        with
        {
            Constraints = ConstraintRules.Parse(spec.Constraints),
        };

    /// <summary>How many of <see cref="PortCount"/> may be any port of the offer (the rest are <see cref="RequiredPorts"/>).</summary>
    public int AnyPortCount => Math.Max(PortCount - RequiredPorts.Count, 0);
}
