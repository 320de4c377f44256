using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// The cluster's resources: in total (of active agents), used by tasks, and out in offers. Scalars only: ports belong
/// to one agent each and do not add up across agents.
/// </summary>
public sealed record ClusterResources(ResourceSet Total, ResourceSet Used, ResourceSet Offered)
{
    /// <summary>What is neither used nor offered.</summary>
    public ResourceSet Free => Total - Used - Offered;
}
