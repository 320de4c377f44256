using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// Dominant Resource Fairness: a client's share is its largest fraction of any one resource of the cluster
/// (cpus, mem, disk, gpus), divided by its weight; the lowest share is offered to first.
/// </summary>
/// <remarks>
/// Clients are kept in a heap by (share, name) (<see cref="DrfHeap"/>), updated in place as allocations change
/// (O(log n) each, allocating nothing), so the allocator's question — the lowest share that wants this agent —
/// costs O(1), or O(k log k) when the first k clients are skipped; nothing is ever sorted for it.
/// A change of the cluster's total changes every share, and a new client changes the ranks of names: either only
/// marks the order stale, and the next read rebuilds it once — adding 50,000 agents must not re-sort the
/// frameworks 50,000 times.
/// </remarks>
public sealed class DrfSorter : ISorter
{
    private readonly Dictionary<string, DrfClient> _clients = new(StringComparer.Ordinal);
    private readonly DrfHeap _heap = new();
    private ResourceSet _total = ResourceSet.Empty;
    private bool _stale; // the total or the set of names changed since shares, ranks and heap were computed

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

        var entry = new DrfClient(client, weight);
        _clients[client] = entry;
        _heap.Append(entry);
        _stale = true;
    }

    /// <inheritdoc />
    public void Remove(string client)
    {
        if (_clients.Remove(client, out var entry) && entry.Active)
        {
            _heap.Remove(entry); // the others' ranks keep their order
        }
    }

    /// <inheritdoc />
    public bool Contains(string client) => _clients.ContainsKey(client);

    /// <inheritdoc />
    public void Deactivate(string client)
    {
        var entry = _clients[client];
        if (entry.Active)
        {
            entry.Active = false;
            _heap.Remove(entry);
        }
    }

    /// <inheritdoc />
    public void Activate(string client)
    {
        var entry = _clients[client];
        if (entry.Active)
        {
            return;
        }

        entry.Active = true;
        if (_stale)
        {
            _heap.Append(entry); // ordered by the coming refresh
        }
        else
        {
            _heap.Push(entry);
        }
    }

    /// <inheritdoc />
    public void Allocated(string client, ResourceSet resources)
    {
        var entry = _clients[client];
        entry.Scalars.Add(resources);
        entry.Ports = entry.Ports.Union(resources.Ports);
        Reorder(entry);
    }

    /// <inheritdoc />
    public void Unallocated(string client, ResourceSet resources)
    {
        var entry = _clients[client];
        if (!entry.Scalars.Covers(resources) || !entry.Ports.Contains(resources.Ports))
        {
            throw new InvalidOperationException($"cannot unallocate {resources} from {entry.Allocation}: it is not allocated");
        }

        entry.Scalars.Subtract(resources);
        entry.Ports = entry.Ports.Subtract(resources.Ports);
        Reorder(entry);
    }

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
        return _heap.Sorted().Select(c => c.Name);
    }

    /// <inheritdoc />
    public string? First(Func<string, bool>? skip = null)
    {
        Refresh();
        return _heap.First(skip)?.Name;
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

    // The client's share changed with its allocation; while the order is stale, the coming refresh computes it.
    private void Reorder(DrfClient client)
    {
        if (_stale)
        {
            return;
        }

        client.Share = ShareOf(client);
        if (client.Active)
        {
            _heap.Update(client);
        }
    }

    // Recomputes every share and rank and rebuilds the heap, once after any number of changes of total or names.
    private void Refresh()
    {
        if (!_stale)
        {
            return;
        }

        _stale = false;
        var rank = 0;
        foreach (var client in _clients.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            client.Rank = rank++;
            client.Share = ShareOf(client);
        }

        _heap.Rebuild();
    }

    private double ShareOf(DrfClient client)
    {
        var a = client.Scalars;
        var dominant = Math.Max(Math.Max(Fraction(a.Cpus, _total.Cpus), Fraction(a.Mem, _total.Mem)),
            Math.Max(Fraction(a.Disk, _total.Disk), Fraction(a.Gpus, _total.Gpus)));
        return dominant / client.Weight;
    }

    // A resource the cluster lacks counts for nothing.
    private static double Fraction(double allocated, double total) => total > 0 ? allocated / total : 0;
}
