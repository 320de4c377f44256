using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>The allocator's book of one agent: its total, what tasks use (per framework), what is out in offers.</summary>
internal sealed class AgentSlot(AgentInfo info)
{
    public AgentInfo Info { get; } = info;

    public bool Active { get; set; } = true;

    public ResourceSet Used { get; private set; } = ResourceSet.Empty;

    public ResourceSet Offered { get; set; } = ResourceSet.Empty;

    public Dictionary<string, ResourceSet> UsedByFramework { get; } = new(StringComparer.Ordinal);

    public HashSet<string> OfferIds { get; } = new(StringComparer.Ordinal);

    public ResourceSet Available => Info.Total - Used - Offered;

    public void Use(string frameworkId, ResourceSet resources)
    {
        Used += resources;
        UsedByFramework[frameworkId] = UsedByFramework.GetValueOrDefault(frameworkId, ResourceSet.Empty) + resources;
    }

    /// <summary>Gives back what a framework's task held; returns what was actually held (never more).</summary>
    public ResourceSet Release(string frameworkId, ResourceSet resources)
    {
        var held = UsedByFramework.GetValueOrDefault(frameworkId, ResourceSet.Empty);
        var released = Clamp(held, resources);
        UsedByFramework[frameworkId] = held - released;
        if (UsedByFramework[frameworkId].IsEmpty)
        {
            UsedByFramework.Remove(frameworkId);
        }

        Used -= released;
        return released;
    }

    // The part of `wanted` that `held` holds: a duplicate recovery must not free resources twice.
    private static ResourceSet Clamp(ResourceSet held, ResourceSet wanted) => new(
        Math.Min(held.Cpus, wanted.Cpus),
        Math.Min(held.Mem, wanted.Mem),
        Math.Min(held.Disk, wanted.Disk),
        Math.Min(held.Gpus, wanted.Gpus),
        held.Ports.Intersect(wanted.Ports));
}
