using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Tests.Allocation;

/// <summary>
/// Who must get which agent in a cycle, worked out the plain way: the frameworks that want offers, the filters they
/// hold (kept here with Mesos' semantics, apart from the allocator's own books), and DRF's order recomputed from
/// scratch before every offer. The property test tells it every operation and has it check every cycle.
/// </summary>
internal sealed class OfferReferee(AllocatorOptions options)
{
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suppressed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Framework, string Agent), (ResourceSet Refused, DateTimeOffset Until)> _filters = [];

    public void FrameworkAdded(string framework, double weight) => _weights.TryAdd(framework, weight);

    public void FrameworkRemoved(string framework)
    {
        _weights.Remove(framework);
        _suppressed.Remove(framework);
        Forget(key => key.Framework == framework);
    }

    public void Suppressed(string framework) => _suppressed.Add(framework);

    public void Revived(string framework)
    {
        _suppressed.Remove(framework);
        Forget(key => key.Framework == framework);
    }

    /// <summary>The agent left (or registers again, which replaces it): nobody's filters on it remain.</summary>
    public void AgentRemoved(string agent) => Forget(key => key.Agent == agent);

    public void Refused(Offer offer, ResourceSet refused, DateTimeOffset until) =>
        _filters[(offer.FrameworkId, offer.AgentId)] = (refused, until);

    /// <summary>What a cycle starts from: each framework's allocation, the total, and what each agent has free.</summary>
    public Before Observe(OfferAllocator allocator, DrfSorter sorter, IEnumerable<string> agentIds)
    {
        var free = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
        foreach (var agent in agentIds)
        {
            if (allocator.AgentResources(agent) is { Active: true } books)
            {
                var available = books.Total - books.Used - books.Offered;
                if (available.Cpus >= options.MinOfferCpus || available.Mem >= options.MinOfferMem)
                {
                    free[agent] = available;
                }
            }
        }

        return new Before(_weights.Keys.ToDictionary(f => f, sorter.AllocationOf, StringComparer.Ordinal), allocator.Totals.Total, free);
    }

    /// <summary>
    /// Each offer is one offerable agent's whole free resources, to the lowest share (then name) among the frameworks
    /// that want offers and do not filter it, shares counting the cycle's earlier offers; an offerable agent left out
    /// had no such framework.
    /// </summary>
    public void Check(Before before, IReadOnlyList<Offer> offers, DateTimeOffset now, string context)
    {
        var allocation = new Dictionary<string, ResourceSet>(before.Allocation, StringComparer.Ordinal);
        foreach (var offer in offers)
        {
            Assert.True(before.Free.TryGetValue(offer.AgentId, out var available), $"{context}: {offer.AgentId} was not offerable, or offered twice");
            before.Free.Remove(offer.AgentId);
            Assert.Equal(available, offer.Resources);
            var expected = Wanting(offer.AgentId, available, now)
                .OrderBy(f => Share(allocation[f], before.Total) / _weights[f])
                .ThenBy(f => f, StringComparer.Ordinal)
                .FirstOrDefault();
            Assert.True(expected == offer.FrameworkId, $"{context}: {offer.AgentId} went to {offer.FrameworkId}, not {expected ?? "nobody"}");
            allocation[offer.FrameworkId] += offer.Resources.WithoutPorts();
        }

        foreach (var (agent, available) in before.Free)
        {
            Assert.True(!Wanting(agent, available, now).Any(), $"{context}: {agent} was not offered to {string.Join(",", Wanting(agent, available, now))}");
        }
    }

    private IEnumerable<string> Wanting(string agent, ResourceSet available, DateTimeOffset now) =>
        _weights.Keys.Where(f => !_suppressed.Contains(f)
            && !(_filters.TryGetValue((f, agent), out var filter) && filter.Until > now && filter.Refused.Contains(available)));

    private static double Share(ResourceSet allocation, ResourceSet total) =>
        ResourceSet.ScalarNames.Where(n => total.Scalar(n) > 0).Select(n => allocation.Scalar(n) / total.Scalar(n)).DefaultIfEmpty(0).Max();

    private void Forget(Func<(string Framework, string Agent), bool> which)
    {
        foreach (var key in _filters.Keys.Where(which).ToList())
        {
            _filters.Remove(key);
        }
    }

    /// <summary>A cycle's starting point.</summary>
    public sealed record Before(Dictionary<string, ResourceSet> Allocation, ResourceSet Total, Dictionary<string, ResourceSet> Free);
}
