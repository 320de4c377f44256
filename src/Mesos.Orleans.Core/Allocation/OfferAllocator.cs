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
/// Filters live on their agent, so an agent no framework filters costs no filter check at all, and a revive
/// finds its framework's filters through the agents that hold them.
/// </para>
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
    private readonly HashSet<AgentSlot> _offerable = [];
    private readonly List<AgentSlot> _cycle = []; // Allocate's snapshot of _offerable: offering takes agents out
    private Func<string, bool>? _skip; // Allocate's question to the sorter, made once: see Skips
    private AgentSlot? _candidate;
    private DateTimeOffset _now;
    private ScalarSum _total;
    private ScalarSum _used;
    private ScalarSum _offered;
    private long _nextOfferId;

    /// <summary>Prefix of offer ids, so ids from two allocator lifetimes never collide.</summary>
    public string OfferIdPrefix { get; init; } = "O";

    /// <summary>
    /// The cluster's resources now, of active agents only, like the total: a deactivated agent's tasks still hold
    /// their resources on it, and count again when it comes back.
    /// </summary>
    public ClusterResources Totals => new(_total.ToResourceSet(), _used.ToResourceSet(), _offered.ToResourceSet());

    /// <summary>How many agents are known.</summary>
    public int AgentCount => _agents.Count;

    /// <summary>How many agents have resources worth offering right now.</summary>
    public int OfferableAgentCount => _offerable.Count;

    /// <summary>The ids of every known agent.</summary>
    public IEnumerable<string> AgentIds => _agents.Keys;

    /// <summary>The offers not yet answered.</summary>
    public IReadOnlyCollection<Offer> OutstandingOffers => _offers.Values;

    /// <summary>
    /// Adds an agent with the tasks it reports, or takes a known one back (it registered again). A known agent keeps
    /// what its tasks held — among them tasks accepted for it that it has not heard of yet, which its registration
    /// cannot report — and what it reports is booked besides, each task once. Its offers out are rescinded and
    /// returned.
    /// </summary>
    public IReadOnlyList<Offer> AddAgent(AgentInfo agent, IEnumerable<TaskHold>? tasks = null)
    {
        var held = _agents.TryGetValue(agent.AgentId, out var known) ? known.Tasks?.Values.ToList() : null;
        var rescinded = RemoveAgent(agent.AgentId);
        var slot = new AgentSlot(agent);
        _agents[agent.AgentId] = slot;
        foreach (var task in (held ?? []).Concat(tasks ?? []))
        {
            Hold(slot, task with { Resources = Fit(slot.Available, task.Resources) });
        }

        AddToTotal(agent.Total);
        Reindex(slot);
        return rescinded;
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
            _used.Subtract(slot.Used);
        }

        foreach (var (frameworkId, resources) in slot.UsedByFramework ?? [])
        {
            if (sorter.Contains(frameworkId))
            {
                sorter.Unallocated(frameworkId, Scalars(resources));
            }
        }

        _agents.Remove(agentId);
        _offerable.Remove(slot);
        if (slot.Active)
        {
            SubtractFromTotal(slot.Info.Total);
        }

        slot.ClearFilters();
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
        _used.Subtract(slot.Used);
        SubtractFromTotal(slot.Info.Total);
        _offerable.Remove(slot);
        return rescinded;
    }

    /// <summary>Offers an agent again (it came back).</summary>
    public void ActivateAgent(string agentId)
    {
        if (_agents.TryGetValue(agentId, out var slot) && !slot.Active)
        {
            slot.Active = true;
            _used.Add(slot.Used);
            AddToTotal(slot.Info.Total);
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
            if (slot.UsedByFramework?.TryGetValue(frameworkId, out var used) == true)
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

        var rescinded = _offers.Values.Where(o => o.FrameworkId == frameworkId).ToList();
        rescinded.ForEach(o => Rescind(o.OfferId));
        framework.ClearFilters();
        _frameworks.Remove(frameworkId);
        sorter.Remove(frameworkId);
        return rescinded;
    }

    /// <summary>Stops offering to a framework until it revives.</summary>
    public void Suppress(string frameworkId)
    {
        FrameworkOf(frameworkId).Suppressed = true;
        sorter.Deactivate(frameworkId); // out of the order, so that no cycle looks at it
    }

    /// <summary>Offers to a framework again, forgetting what it refused.</summary>
    public void Revive(string frameworkId)
    {
        var framework = FrameworkOf(frameworkId);
        framework.Suppressed = false;
        sorter.Activate(frameworkId);
        framework.ClearFilters();
    }

    /// <summary>
    /// One allocation cycle: every agent with resources worth offering goes, whole, to the framework with the
    /// lowest share that wants offers and does not filter that agent.
    /// </summary>
    public IReadOnlyList<Offer> Allocate(DateTimeOffset now)
    {
        if (_offerable.Count == 0 || sorter.First() is null)
        {
            return []; // nothing to offer, or nobody who wants offers
        }

        var offers = new List<Offer>(_offerable.Count);
        _skip ??= Skips;
        _now = now;
        _cycle.AddRange(_offerable);
        foreach (var slot in _cycle)
        {
            _candidate = slot;
            var frameworkId = slot.HasFilters ? sorter.First(_skip) : sorter.First();
            if (frameworkId is not null)
            {
                offers.Add(MakeOffer(slot, _frameworks[frameworkId]));
            }
        }

        _cycle.Clear();
        _candidate = null;
        return offers;
    }

    /// <summary>
    /// Takes an offer for <paramref name="tasks"/>, which hold what they ask of it (for the offer's framework); the
    /// rest returns, refused for <paramref name="refuseRemainder"/> when given. False when the offer is no longer out.
    /// </summary>
    public bool Accept(string offerId, IReadOnlyList<TaskHold> tasks, DateTimeOffset now, TimeSpan? refuseRemainder = null)
    {
        if (!_offers.Remove(offerId, out var offer))
        {
            return false;
        }

        var slot = _agents[offer.AgentId];
        var framework = _frameworks[offer.FrameworkId];
        ReturnOffered(slot, framework, offer);
        var remainder = offer.Resources;
        foreach (var task in tasks)
        {
            var used = Fit(remainder, task.Resources);
            remainder -= used;
            Hold(slot, task with { FrameworkId = offer.FrameworkId, Resources = used });
        }

        if (refuseRemainder is { } refuse && refuse > TimeSpan.Zero && !remainder.IsEmpty)
        {
            slot.Filter(framework, remainder, now + refuse);
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
            slot.Filter(framework, offer.Resources, now + refuse);
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

    /// <summary>Gives back what an ended task held on its agent; nothing when it holds nothing there (any more).</summary>
    public void Recover(string agentId, string taskId)
    {
        if (!_agents.TryGetValue(agentId, out var slot) || slot.Release(taskId) is not { } task)
        {
            return;
        }

        if (slot.Active)
        {
            _used.Subtract(task.Resources);
        }

        if (sorter.Contains(task.FrameworkId))
        {
            sorter.Unallocated(task.FrameworkId, Scalars(task.Resources));
        }

        Reindex(slot);
    }

    /// <summary>What an agent has: total, used, offered; null when unknown.</summary>
    public (ResourceSet Total, ResourceSet Used, ResourceSet Offered, bool Active)? AgentResources(string agentId) =>
        _agents.TryGetValue(agentId, out var slot) ? (slot.Info.Total, slot.Used, slot.Offered, slot.Active) : null;

    /// <summary>The tasks that hold resources on an agent; empty when it is unknown.</summary>
    public IReadOnlyCollection<TaskHold> TasksOn(string agentId) =>
        _agents.TryGetValue(agentId, out var slot) && slot.Tasks is { } tasks ? tasks.Values : [];

    /// <summary>The share the sorter gives a framework.</summary>
    public double ShareOf(string frameworkId) => sorter.Share(frameworkId);

    // Whether the sorter should pass over a framework for the agent being offered (Allocate's _candidate);
    // suppressed frameworks are not in its order at all.
    private bool Skips(string frameworkId) => _candidate!.IsFiltered(frameworkId, _now);

    // Offers everything the agent has left.
    private Offer MakeOffer(AgentSlot slot, FrameworkSlot framework)
    {
        var resources = slot.Available;
        var offer = new Offer($"{OfferIdPrefix}{++_nextOfferId}", framework.Id, slot.Info.AgentId, slot.Info.Hostname,
            resources, slot.Info.Attributes, slot.Info.Containerizers);
        _offers.Add(offer.OfferId, offer);
        slot.AddOffer(offer);
        _offered.Add(resources);
        sorter.Allocated(framework.Id, Scalars(resources));
        Reindex(slot);
        return offer;
    }

    private void ReturnOffered(AgentSlot slot, FrameworkSlot framework, Offer offer)
    {
        slot.RemoveOffer(offer);
        _offered.Subtract(offer.Resources);
        sorter.Unallocated(framework.Id, Scalars(offer.Resources));
    }

    private List<Offer> RescindAll(AgentSlot slot)
    {
        var rescinded = slot.Offers?.ToList() ?? [];
        rescinded.ForEach(o => Rescind(o.OfferId));
        return rescinded;
    }

    private void Reindex(AgentSlot slot)
    {
        var available = slot.Available;
        if (slot.Active && (available.Cpus >= _options.MinOfferCpus || available.Mem >= _options.MinOfferMem))
        {
            _offerable.Add(slot);
        }
        else
        {
            _offerable.Remove(slot);
        }
    }

    private void AddToTotal(ResourceSet agentTotal)
    {
        _total.Add(agentTotal);
        sorter.SetTotal(_total.ToResourceSet());
    }

    private void SubtractFromTotal(ResourceSet agentTotal)
    {
        _total.Subtract(agentTotal);
        sorter.SetTotal(_total.ToResourceSet());
    }

    // Books a task on an agent, in the cluster's sums and its framework's share too; once per task.
    private void Hold(AgentSlot slot, TaskHold task)
    {
        if (!slot.Hold(task))
        {
            return;
        }

        if (slot.Active)
        {
            _used.Add(task.Resources);
        }

        if (sorter.Contains(task.FrameworkId))
        {
            sorter.Allocated(task.FrameworkId, Scalars(task.Resources));
        }
    }

    private FrameworkSlot FrameworkOf(string frameworkId) =>
        _frameworks.TryGetValue(frameworkId, out var framework)
            ? framework
            : throw new KeyNotFoundException($"unknown framework {frameworkId}");

    private static ResourceSet Scalars(ResourceSet resources) => resources.WithoutPorts();

    // What of `wanted` fits in `available`: neither reported usage nor an acceptance pushes an agent past its total.
    private static ResourceSet Fit(ResourceSet available, ResourceSet wanted) => new(
        Math.Min(available.Cpus, wanted.Cpus),
        Math.Min(available.Mem, wanted.Mem),
        Math.Min(available.Disk, wanted.Disk),
        Math.Min(available.Gpus, wanted.Gpus),
        available.Ports.Intersect(wanted.Ports));
}
