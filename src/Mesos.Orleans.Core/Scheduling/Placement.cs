using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>A request placed on an offer: the resources it takes from it, host ports included, in port order.</summary>
public sealed record Placement(LaunchRequest Request, Offer Offer, ResourceSet Resources, IReadOnlyList<long> HostPorts);
