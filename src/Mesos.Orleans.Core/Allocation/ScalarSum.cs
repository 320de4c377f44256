using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// A running sum of the scalars (cpus, mem, disk, gpus) of many bundles, changed in place: the allocator and the
/// DRF sorter change sums at every offer, and a new <see cref="ResourceSet"/> each time is garbage the collector
/// has to trace through the books of 50,000 agents. Rounds as <see cref="ResourceSet"/> does (three decimals after
/// every operation), so a sum is the same to the last bit as the bundles added up.
/// </summary>
internal struct ScalarSum
{
    public double Cpus { readonly get; private set; }

    public double Mem { readonly get; private set; }

    public double Disk { readonly get; private set; }

    public double Gpus { readonly get; private set; }

    /// <summary>Adds the scalars of <paramref name="resources"/>; its ports are no sum's business.</summary>
    public void Add(ResourceSet resources)
    {
        Cpus = Round(Cpus + resources.Cpus);
        Mem = Round(Mem + resources.Mem);
        Disk = Round(Disk + resources.Disk);
        Gpus = Round(Gpus + resources.Gpus);
    }

    /// <summary>Subtracts the scalars of <paramref name="resources"/>, which the sum must cover; else changes nothing and throws.</summary>
    public void Subtract(ResourceSet resources)
    {
        if (!Covers(resources))
        {
            throw new InvalidOperationException($"cannot subtract {resources.WithoutPorts()} from {ToResourceSet()}: it is not contained");
        }

        Cpus = Round(Cpus - resources.Cpus);
        Mem = Round(Mem - resources.Mem);
        Disk = Round(Disk - resources.Disk);
        Gpus = Round(Gpus - resources.Gpus);
    }

    /// <summary>True when every scalar of <paramref name="resources"/> fits in the sum.</summary>
    public readonly bool Covers(ResourceSet resources) =>
        Cpus >= resources.Cpus && Mem >= resources.Mem && Disk >= resources.Disk && Gpus >= resources.Gpus;

    /// <summary>The sum as a bundle without ports.</summary>
    public readonly ResourceSet ToResourceSet() => new(Cpus, Mem, Disk, Gpus);

    private static double Round(double value)
    {
        var rounded = Math.Round(value, 3, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded; // no negative zero
    }
}
