using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>Resources as Mesos' endpoints write them: scalars, and ports as <c>[31000-32000]</c> when there are any.</summary>
internal sealed record MesosResources(double Cpus, double Mem, double Disk, double Gpus, string? Ports)
{
    /// <summary>No resources.</summary>
    public static MesosResources Empty { get; } = From(ResourceSet.Empty);

    /// <summary>The Mesos form of a resource set.</summary>
    public static MesosResources From(ResourceSet resources) =>
        new(resources.Cpus, resources.Mem, resources.Disk, resources.Gpus, resources.Ports.IsEmpty ? null : resources.Ports.ToString());
}
