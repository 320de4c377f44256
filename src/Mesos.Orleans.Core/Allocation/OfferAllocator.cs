using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// The allocator's model (Mesos' hierarchical allocator, one level): the resources of every agent, the frameworks
/// that want offers, the offers out and the filters of refused ones. <see cref="Allocate"/> runs one cycle.
/// </summary>
/// <remarks>
/// Pure and single-threaded: no clock (time is a parameter), no I/O; the allocator grain owns one and persists
/// nothing of it, since agents' re-registration rebuilds it. It keeps an index of agents with resources to offer,
/// so a cycle walks those agents only, never all of them, and each agent goes to the framework with the lowest
/// share that does not filter it (the sorter keeps that order as allocations change).
/// <para>
/// Sums over several agents — <see cref="Totals"/> and what the sorter is told — hold the scalars only: port numbers
/// belong to one agent, and a union of them across agents (two agents both offer 31000) could not be subtracted back.
/// Each agent's own book keeps its ports.
/// </para>
/// </remarks>
public sealed class OfferAllocator(ISorter sorter, AllocatorOptions? options = null)
{
    private readonly AllocatorOptions _options = options ?? new AllocatorOptions();
    private readonly Dictionary<string, AgentSlot> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FrameworkSlot> _frameworks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _offerable = new(StringComparer.Ordinal);
    private ResourceSet _total = ResourceSet.Empty;
    private ResourceSet _used = ResourceSet.Empty;
    private ResourceSet _offered = ResourceSet.Empty;
    private long _nextOfferId;

    /// <summary>Prefix of offer ids, so ids from two allocator lifetimes never collide.</summary>
    public string OfferIdPrefix { get; init; } = "O";

    /// <summary>
    /// The cluster's resources now, of active agents only, like the total: a deactivated agent's tasks still hold
    /// their resources on it, and count again when it comes back.
    /// </summary>
    public ClusterResources Totals => new(_total, _used, _offered);

    /// <summary>How many agents are known.</summary>
    public int AgentCount => _agents.Count;

    /// <summary>How many agents have resources worth offering right now.</summary>
    public int OfferableAgentCount => _offerable.Count;

    /// <summary>The ids of every known agent.</summary>
    public IEnumerable<string> AgentIds => _agents.Keys;

    /// <summary>The offers not yet answered.</summary>
    public IReadOnlyCollection<Offer> OutstandingOffers => _offers.Values;

    /// <summary>Adds an agent, with what its running tasks already use (after a master restart).</summary>
    public void AddAgent(AgentInfo agent, IEnumerable<(string FrameworkId, ResourceSet Resources)>? used = null)
    {
        if (_agents.ContainsKey(agent.AgentId))
        {
            RemoveAgent(agent.AgentId);
        }

        var slot = new AgentSlot(agent);
        _agents[agent.AgentId] = slot;
        foreach (var (frameworkId, resources) in used ?? [])
        {
            var fits = Fit(slot.Available, resources);
            slot.Use(frameworkId, fits);
            _used += Scalars(fits);
            if (sorter.Contains(frameworkId))
            {
                sorter.Allocated(frameworkId, Scalars(fits));
            }
        }

        SetTotal(_total + Scalars(agent.Total));
        Reindex(slot);
    }

    /// <summary>Removes an agent; its outstanding offers are rescinded and returned.</summary>
    public IReadOnlyList<Offer> RemoveAgent(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var slot))
        {
            return [];
        }

        var rescinded = RescindAll(slot);
        if (slot.Active)
        {
            _used -= Scalars(slot.Used);
        }

        foreach (var (frameworkId, resources) in slot.UsedByFramework)
        {
            if (sorter.Contains(frameworkId))
            {
                sorter.Unallocated(frameworkId, Scalars(resources));
            }
        }

        _agents.Remove(agentId);
        _offerable.Remove(agentId);
        if (slot.Active)
        {
            SetTotal(_total - Scalars(slot.Info.Total));
        }

        foreach (var framework in _frameworks.Values)
        {
            framework.Filters.Remove(agentId);
        }

        return rescinded;
    }

    /// <summary>Stops offering an agent (it is unreachable) and rescinds its offers; what its tasks use stays.</summary>
    public IReadOnlyList<Offer> DeactivateAgent(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var slot) || !slot.Active)
        {
            return [];
        }

        var rescinded = RescindAll(slot);
        slot.Active = false;
        _used -= Scalars(slot.Used);
        SetTotal(_total - Scalars(slot.Info.Total));
        _offerable.Remove(agentId);
        return rescinded;
    }

    /// <summary>Offers an agent again (it came back).</summary>
    public void ActivateAgent(string agentId)
    {
        if (_agents.TryGetValue(agentId, out var slot) && !slot.Active)
        {
            slot.Active = true;
            _used += Scalars(slot.Used);
            SetTotal(_total + Scalars(slot.Info.Total));
            Reindex(slot);
        }
    }

    /// <summary>Adds a framework that wants offers.</summary>
    public void AddFramework(string frameworkId, double weight = 1)
    {
        if (_frameworks.ContainsKey(frameworkId))
        {
            return;
        }

        _frameworks[frameworkId] = new FrameworkSlot(frameworkId);
        sorter.Add(frameworkId, weight);
        foreach (var slot in _agents.Values)
        {
            if (slot.UsedByFramework.TryGetValue(frameworkId, out var used))
            {
                sorter.Allocated(frameworkId, Scalars(used));
            }
        }
    }

    /// <summary>Removes a framework; its outstanding offers are rescinded and returned.</summary>
    public IReadOnlyList<Offer> RemoveFramework(string frameworkId)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return [];
        }

        var rescinded = framework.OfferIds.ToList().Select(id => _offers[id]).ToList();
        rescinded.ForEach(o => Rescind(o.OfferId));
        _frameworks.Remove(frameworkId);
        sorter.Remove(frameworkId);
        return rescinded;
    }

    /// <summary>Stops offering to a framework until it revives.</summary>
    public void Suppress(string frameworkId) => FrameworkOf(frameworkId).Suppressed = true;

    /// <summary>Offers to a framework again, forgetting what it refused.</summary>
    public void Revive(string frameworkId)
    {
        var framework = FrameworkOf(frameworkId);
        framework.Suppressed = false;
        framework.Filters.Clear();
    }

    /// <summary>
    /// One allocation cycle: every agent with resources worth offering goes, whole, to the framework with the
    /// lowest share that wants offers and does not filter that agent.
    /// </summary>
    public IReadOnlyList<Offer> Allocate(DateTimeOffset now)
    {
        if (_offerable.Count == 0 || _frameworks.Values.All(f => f.Suppressed))
        {
            return [];
        }

        var offers = new List<Offer>();
        foreach (var agentId in _offerable.ToList())
        {
            var slot = _agents[agentId];
            var available = slot.Available;
            var frameworkId = sorter.First(id => _frameworks[id] is var f && (f.Suppressed || f.IsFiltered(agentId, available, now)));
            if (frameworkId is not null)
            {
                offers.Add(MakeOffer(slot, _frameworks[frameworkId], available));
            }
        }

        return offers;
    }

    /// <summary>
    /// Takes an offer: <paramref name="used"/> goes to the framework's tasks, the rest returns, refused for
    /// <paramref name="refuseRemainder"/> when given. False when the offer is no longer out.
    /// </summary>
    public bool Accept(string offerId, ResourceSet used, DateTimeOffset now, TimeSpan? refuseRemainder = null)
    {
        if (!_offers.Remove(offerId, out var offer))
        {
            return false;
        }

        var slot = _agents[offer.AgentId];
        var framework = _frameworks[offer.FrameworkId];
        used = Fit(offer.Resources, used);
        ReturnOffered(slot, framework, offer);
        slot.Use(offer.FrameworkId, used);
        _used += Scalars(used);
        sorter.Allocated(offer.FrameworkId, Scalars(used));
        var remainder = offer.Resources - used;
        if (refuseRemainder is { } refuse && refuse > TimeSpan.Zero && !remainder.IsEmpty)
        {
            framework.Filters[offer.AgentId] = (remainder, now + refuse);
        }

        Reindex(slot);
        return true;
    }

    /// <summary>Refuses an offer; the framework is not offered these resources on that agent for a while.</summary>
    public bool Decline(string offerId, DateTimeOffset now, TimeSpan refuse)
    {
        if (!_offers.Remove(offerId, out var offer))
        {
            return false;
        }

        var slot = _agents[offer.AgentId];
        var framework = _frameworks[offer.FrameworkId];
        ReturnOffered(slot, framework, offer);
        if (refuse > TimeSpan.Zero)
        {
            framework.Filters[offer.AgentId] = (offer.Resources, now + refuse);
        }

        Reindex(slot);
        return true;
    }

    /// <summary>Takes an offer back (it timed out, or its agent left).</summary>
    public bool Rescind(string offerId)
    {
        if (!_offers.Remove(offerId, out var offer))
        {
            return false;
        }

        var slot = _agents[offer.AgentId];
        ReturnOffered(slot, _frameworks[offer.FrameworkId], offer);
        Reindex(slot);
        return true;
    }

    /// <summary>Gives back what an ended task held on an agent.</summary>
    public void Recover(string agentId, string frameworkId, ResourceSet resources)
    {
        if (!_agents.TryGetValue(agentId, out var slot))
        {
            return;
        }

        var released = Scalars(slot.Release(frameworkId, resources));
        if (slot.Active)
        {
            _used -= released;
        }

        if (sorter.Contains(frameworkId))
        {
            sorter.Unallocated(frameworkId, released);
        }

        Reindex(slot);
    }

    /// <summary>What an agent has: total, used, offered; null when unknown.</summary>
    public (ResourceSet Total, ResourceSet Used, ResourceSet Offered, bool Active)? AgentResources(string agentId) =>
        _agents.TryGetValue(agentId, out var slot) ? (slot.Info.Total, slot.Used, slot.Offered, slot.Active) : null;

    /// <summary>The share the sorter gives a framework.</summary>
    public double ShareOf(string frameworkId) => sorter.Share(frameworkId);

    private Offer MakeOffer(AgentSlot slot, FrameworkSlot framework, ResourceSet resources)
    {
        var offer = new Offer($"{OfferIdPrefix}{++_nextOfferId}", framework.Id, slot.Info.AgentId, slot.Info.Hostname,
            resources, slot.Info.Attributes, slot.Info.Containerizers);
        _offers[offer.OfferId] = offer;
        slot.Offered += resources;
        slot.OfferIds.Add(offer.OfferId);
        framework.OfferIds.Add(offer.OfferId);
        _offered += Scalars(resources);
        sorter.Allocated(framework.Id, Scalars(resources));
        Reindex(slot);
        return offer;
    }

    private void ReturnOffered(AgentSlot slot, FrameworkSlot framework, Offer offer)
    {
        slot.Offered -= offer.Resources;
        slot.OfferIds.Remove(offer.OfferId);
        framework.OfferIds.Remove(offer.OfferId);
        _offered -= Scalars(offer.Resources);
        sorter.Unallocated(framework.Id, Scalars(offer.Resources));
    }

    private List<Offer> RescindAll(AgentSlot slot)
    {
        var rescinded = slot.OfferIds.Select(id => _offers[id]).ToList();
        rescinded.ForEach(o => Rescind(o.OfferId));
        return rescinded;
    }

    private void Reindex(AgentSlot slot)
    {
        var available = slot.Available;
        if (slot.Active && (available.Cpus >= _options.MinOfferCpus || available.Mem >= _options.MinOfferMem))
        {
            _offerable.Add(slot.Info.AgentId);
        }
        else
        {
            _offerable.Remove(slot.Info.AgentId);
        }
    }

    private void SetTotal(ResourceSet total)
    {
        _total = total;
        sorter.SetTotal(total);
    }

    private FrameworkSlot FrameworkOf(string frameworkId) =>
        _frameworks.TryGetValue(frameworkId, out var framework)
            ? framework
            : throw new KeyNotFoundException($"unknown framework {frameworkId}");

    private static ResourceSet Scalars(ResourceSet resources) => resources.WithoutPorts();

    // What of `wanted` fits in `available`: reported usage never pushes an agent past its total.
    private static ResourceSet Fit(ResourceSet available, ResourceSet wanted) => new(
        Math.Min(available.Cpus, wanted.Cpus),
        Math.Min(available.Mem, wanted.Mem),
        Math.Min(available.Disk, wanted.Disk),
        Math.Min(available.Gpus, wanted.Gpus),
        available.Ports.Intersect(wanted.Ports));
}
