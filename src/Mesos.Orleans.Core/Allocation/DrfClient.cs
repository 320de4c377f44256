using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>One client of the <see cref="DrfSorter"/>: what it holds, its share, and where it is in the order.</summary>
internal sealed class DrfClient(string name, double weight)
{
    public string Name { get; } = name;

    public double Weight { get; } = weight;

    /// <summary>The scalars allocated, summed in place (a field, so that they change in place).</summary>
    public ScalarSum Scalars;

    public RangeSet Ports { get; set; } = RangeSet.Empty;

    public ResourceSet Allocation => new(Scalars.Cpus, Scalars.Mem, Scalars.Disk, Scalars.Gpus, Ports);

    /// <summary>Dominant share divided by weight, as of the last computation.</summary>
    public double Share { get; set; }

    /// <summary>Position of the name among all clients' names (ordinal): ties of share compare ranks, not strings.</summary>
    public int Rank { get; set; }

    /// <summary>False while deactivated: then it is not in the <see cref="DrfHeap"/>.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Where the client is in the <see cref="DrfHeap"/>.</summary>
    public int HeapIndex { get; set; }
}
