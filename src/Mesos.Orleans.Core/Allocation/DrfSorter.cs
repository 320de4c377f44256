using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// Dominant Resource Fairness: a client's share is its largest fraction of any one resource of the cluster
/// (cpus, mem, disk, gpus), divided by its weight; the lowest share is offered to first.
/// </summary>
/// <remarks>
/// Clients are kept in a sorted set updated as allocations change (O(log n) each), so sorting costs nothing per
/// offer. A change of the cluster's total changes every share: it only marks the order stale, and the next read
/// re-sorts everyone once — adding 50,000 agents must not re-sort the frameworks 50,000 times.
/// </remarks>
public sealed class DrfSorter : ISorter
{
    private readonly Dictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private readonly SortedSet<Client> _order = new(ClientOrder.Instance);
    private ResourceSet _total = ResourceSet.Empty;
    private bool _stale; // the total changed since shares and order were computed

    /// <inheritdoc />
    public void Add(string client, double weight = 1)
    {
        if (weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "a weight must be positive");
        }

        if (_clients.ContainsKey(client))
        {
            return;
        }

        var entry = new Client(client, weight);
        _clients[client] = entry;
        if (!_stale)
        {
            _order.Add(entry);
        }
    }

    /// <inheritdoc />
    public void Remove(string client)
    {
        if (_clients.Remove(client, out var entry) && !_stale)
        {
            _order.Remove(entry);
        }
    }

    /// <inheritdoc />
    public bool Contains(string client) => _clients.ContainsKey(client);

    /// <inheritdoc />
    public void Allocated(string client, ResourceSet resources) => Update(client, c => c.Allocation + resources);

    /// <inheritdoc />
    public void Unallocated(string client, ResourceSet resources) => Update(client, c => c.Allocation - resources);

    /// <inheritdoc />
    public void SetTotal(ResourceSet total)
    {
        _total = total;
        _stale = true;
    }

    /// <inheritdoc />
    public IEnumerable<string> Sort()
    {
        Refresh();
        foreach (var client in _order)
        {
            yield return client.Name;
        }
    }

    /// <inheritdoc />
    public double Share(string client)
    {
        var entry = _clients[client];
        Refresh();
        return entry.Share;
    }

    /// <inheritdoc />
    public ResourceSet AllocationOf(string client) => _clients[client].Allocation;

    private void Update(string name, Func<Client, ResourceSet> allocation)
    {
        var client = _clients[name];
        var updated = allocation(client); // may throw (unallocating what is not held): change nothing then
        if (_stale)
        {
            client.Allocation = updated; // the coming re-sort computes its share
            return;
        }

        _order.Remove(client);
        client.Allocation = updated;
        client.Share = ShareOf(client);
        _order.Add(client);
    }

    // Re-sorts everyone against the total, once after any number of changes of it.
    private void Refresh()
    {
        if (!_stale)
        {
            return;
        }

        _stale = false;
        _order.Clear();
        foreach (var client in _clients.Values)
        {
            client.Share = ShareOf(client);
            _order.Add(client);
        }
    }

    private double ShareOf(Client client)
    {
        double dominant = 0;
        foreach (var name in ResourceSet.ScalarNames)
        {
            var total = _total.Scalar(name);
            if (total > 0)
            {
                dominant = Math.Max(dominant, client.Allocation.Scalar(name) / total);
            }
        }

        return dominant / client.Weight;
    }

    private sealed class Client(string name, double weight)
    {
        public string Name { get; } = name;

        public double Weight { get; } = weight;

        public ResourceSet Allocation { get; set; } = ResourceSet.Empty;

        public double Share { get; set; }
    }

    // Lowest share first; ties broken by name so the order is total and stable.
    private sealed class ClientOrder : IComparer<Client>
    {
        public static ClientOrder Instance { get; } = new();

        public int Compare(Client? x, Client? y)
        {
            var byShare = x!.Share.CompareTo(y!.Share);
            return byShare != 0 ? byShare : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
