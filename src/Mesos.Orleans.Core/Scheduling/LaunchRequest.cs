using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>
/// One app instance waiting to be placed: what it needs from an offer. Ports are asked for by count, or as the
/// exact numbers when the app requires its ports.
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
    /// <summary>The request for one instance of <paramref name="spec"/>.</summary>
    public static LaunchRequest For(AppId app, string instanceId, long configGeneration, AppSpec spec, string containerizer) =>
        new(app, instanceId, configGeneration, spec.ScalarResources, spec.PortDefinitions?.Count ?? 0,
            spec.RequirePorts ? spec.PortDefinitions!.Select(p => (long)p.Port).ToList() : [], containerizer);
}
