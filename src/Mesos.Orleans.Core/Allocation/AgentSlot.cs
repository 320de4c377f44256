using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// The allocator's book of one agent: its total, what tasks use (per framework), what is out in offers, what is
/// left, and the filters frameworks hold on it.
/// </summary>
/// <remarks>
/// <see cref="Available"/> is kept as the rest changes, since a cycle reads it for every agent; the collections are
/// made on first use, since most agents never need most of them (50,000 agents × a few empty dictionaries adds up).
/// </remarks>
internal sealed class AgentSlot(AgentInfo info)
{
    public AgentInfo Info { get; } = info;

    public bool Active { get; set; } = true;

    public ResourceSet Used { get; private set; } = ResourceSet.Empty;

    public ResourceSet Offered { get; private set; } = ResourceSet.Empty;

    /// <summary>What is neither used nor offered: total − used − offered.</summary>
    public ResourceSet Available { get; private set; } = info.Total;

    /// <summary>What each framework's tasks use here; null while none does.</summary>
    public Dictionary<string, ResourceSet>? UsedByFramework { get; private set; }

    /// <summary>The offers of this agent not yet answered; null until the first.</summary>
    public List<Offer>? Offers { get; private set; }

    /// <summary>The filters frameworks hold on this agent, by framework id; null until the first.</summary>
    public Dictionary<string, OfferFilter>? Filters { get; private set; }

    public bool HasFilters => Filters is { Count: > 0 };

    public void Use(string frameworkId, ResourceSet resources)
    {
        Used += resources;
        UsedByFramework ??= new(StringComparer.Ordinal);
        UsedByFramework[frameworkId] = UsedByFramework.GetValueOrDefault(frameworkId, ResourceSet.Empty) + resources;
        Available = Rest();
    }

    /// <summary>Gives back what a framework's task held; returns what was actually held (never more).</summary>
    public ResourceSet Release(string frameworkId, ResourceSet resources)
    {
        var held = UsedByFramework?.GetValueOrDefault(frameworkId) ?? ResourceSet.Empty;
        var released = Clamp(held, resources);
        if (released.IsEmpty)
        {
            return released;
        }

        var left = held - released;
        if (left.IsEmpty)
        {
            UsedByFramework!.Remove(frameworkId);
        }
        else
        {
            UsedByFramework![frameworkId] = left;
        }

        Used -= released;
        Available = Rest();
        return released;
    }

    public void AddOffer(Offer offer)
    {
        var resources = offer.Resources;
        Offered = Offered.IsEmpty ? resources : Offered + resources;
        (Offers ??= []).Add(offer);
        // An offer of everything there is (the allocator's only kind) leaves nothing, without arithmetic.
        Available = ReferenceEquals(resources, Available) ? ResourceSet.Empty : Rest();
    }

    public void RemoveOffer(Offer offer)
    {
        Offered -= offer.Resources;
        Offers!.RemoveAt(Offers.FindIndex(o => ReferenceEquals(o, offer)));
        Available = Rest();
    }

    /// <summary>Records that a framework refuses <paramref name="refused"/> here until <paramref name="until"/>.</summary>
    public void Filter(FrameworkSlot framework, ResourceSet refused, DateTimeOffset until)
    {
        (Filters ??= new(StringComparer.Ordinal))[framework.Id] = new OfferFilter(framework, refused, until);
        framework.FilteredAgents.Add(this);
    }

    /// <summary>
    /// True when the framework refused resources here and the refusal still holds: it has not expired, and this
    /// agent has nothing the refused offer lacked. An expired filter is forgotten.
    /// </summary>
    public bool IsFiltered(string frameworkId, DateTimeOffset now)
    {
        if (Filters is null || !Filters.TryGetValue(frameworkId, out var filter))
        {
            return false;
        }

        if (filter.Until <= now)
        {
            Filters.Remove(frameworkId);
            filter.Framework.FilteredAgents.Remove(this);
            return false;
        }

        return filter.Refused.Contains(Available);
    }

    /// <summary>Forgets every filter held on this agent.</summary>
    public void ClearFilters()
    {
        foreach (var filter in Filters?.Values ?? Enumerable.Empty<OfferFilter>())
        {
            filter.Framework.FilteredAgents.Remove(this);
        }

        Filters = null;
    }

    private ResourceSet Rest()
    {
        var free = Used.IsEmpty ? Info.Total : Info.Total - Used;
        return Offered.IsEmpty ? free : free - Offered;
    }

    // The part of `wanted` that `held` holds: a duplicate recovery must not free resources twice.
    private static ResourceSet Clamp(ResourceSet held, ResourceSet wanted) => new(
        Math.Min(held.Cpus, wanted.Cpus),
        Math.Min(held.Mem, wanted.Mem),
        Math.Min(held.Disk, wanted.Disk),
        Math.Min(held.Gpus, wanted.Gpus),
        held.Ports.Intersect(wanted.Ports));
}
