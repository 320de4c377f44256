using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// Dominant Resource Fairness: a client's share is its largest fraction of any one resource of the cluster
/// (cpus, mem, disk, gpus), divided by its weight; the lowest share is offered to first.
/// </summary>
/// <remarks>
/// Clients are kept in a binary min-heap by (share, name), updated in place as allocations change (O(log n) each,
/// allocating nothing), so the allocator's question — the lowest share that wants this agent — costs O(1), or
/// O(k log k) when the first k clients are skipped: <see cref="First"/> walks the heap best-first and never sorts.
/// A change of the cluster's total changes every share: it only marks the heap stale, and the next read
/// rebuilds it once — adding 50,000 agents must not re-sort the frameworks 50,000 times.
/// </remarks>
public sealed class DrfSorter : ISorter
{
    private readonly Dictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private readonly List<Client> _heap = [];
    private readonly List<int> _frontier = []; // First's scratch: heap positions still to visit, itself a heap
    private ResourceSet _total = ResourceSet.Empty;
    private bool _stale; // the total changed since shares and heap were computed

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

        var entry = new Client(client, weight) { Index = _heap.Count };
        _clients[client] = entry;
        _heap.Add(entry);
        if (!_stale)
        {
            SiftUp(entry.Index);
        }
    }

    /// <inheritdoc />
    public void Remove(string client)
    {
        if (!_clients.Remove(client, out var entry))
        {
            return;
        }

        var last = _heap[^1];
        _heap.RemoveAt(_heap.Count - 1);
        if (last != entry)
        {
            Place(last, entry.Index);
            if (!_stale)
            {
                Restore(last.Index);
            }
        }
    }

    /// <inheritdoc />
    public bool Contains(string client) => _clients.ContainsKey(client);

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
        var sorted = _heap.ToArray();
        Array.Sort(sorted, Compare);
        return sorted.Select(c => c.Name);
    }

    /// <inheritdoc />
    public string? First(Func<string, bool>? skip = null)
    {
        Refresh();
        if (_heap.Count == 0)
        {
            return null;
        }

        if (skip is null || !skip(_heap[0].Name))
        {
            return _heap[0].Name;
        }

        // Best-first: a client comes after its parent, so the next in order is the least of the frontier.
        _frontier.Clear();
        PushChildren(0);
        while (_frontier.Count > 0)
        {
            var at = PopFrontier();
            if (!skip(_heap[at].Name))
            {
                return _heap[at].Name;
            }

            PushChildren(at);
        }

        return null;
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

    // The client's share changed with its allocation; while the total is stale, the coming refresh computes it.
    private void Reorder(Client client)
    {
        if (!_stale)
        {
            client.Share = ShareOf(client);
            Restore(client.Index);
        }
    }

    // Recomputes every share against the total and rebuilds the heap, once after any number of changes of it.
    private void Refresh()
    {
        if (!_stale)
        {
            return;
        }

        _stale = false;
        foreach (var client in _heap)
        {
            client.Share = ShareOf(client);
        }

        for (var i = (_heap.Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    private double ShareOf(Client client)
    {
        var a = client.Scalars;
        var dominant = Math.Max(Math.Max(Fraction(a.Cpus, _total.Cpus), Fraction(a.Mem, _total.Mem)),
            Math.Max(Fraction(a.Disk, _total.Disk), Fraction(a.Gpus, _total.Gpus)));
        return dominant / client.Weight;
    }

    // A resource the cluster lacks counts for nothing.
    private static double Fraction(double allocated, double total) => total > 0 ? allocated / total : 0;

    // Lowest share first; ties broken by name so the order is total and stable.
    private static int Compare(Client x, Client y)
    {
        var byShare = x.Share.CompareTo(y.Share);
        return byShare != 0 ? byShare : string.CompareOrdinal(x.Name, y.Name);
    }

    private void Restore(int index)
    {
        if (!SiftUp(index))
        {
            SiftDown(index);
        }
    }

    private bool SiftUp(int index)
    {
        var client = _heap[index];
        var start = index;
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (Compare(client, _heap[parent]) >= 0)
            {
                break;
            }

            Place(_heap[parent], index);
            index = parent;
        }

        Place(client, index);
        return index != start;
    }

    private void SiftDown(int index)
    {
        var client = _heap[index];
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= _heap.Count)
            {
                break;
            }

            if (child + 1 < _heap.Count && Compare(_heap[child + 1], _heap[child]) < 0)
            {
                child++;
            }

            if (Compare(_heap[child], client) >= 0)
            {
                break;
            }

            Place(_heap[child], index);
            index = child;
        }

        Place(client, index);
    }

    private void Place(Client client, int index)
    {
        _heap[index] = client;
        client.Index = index;
    }

    private void PushChildren(int at)
    {
        for (var child = (2 * at) + 1; child <= (2 * at) + 2 && child < _heap.Count; child++)
        {
            _frontier.Add(child);
            var i = _frontier.Count - 1;
            while (i > 0 && Compare(_heap[_frontier[i]], _heap[_frontier[(i - 1) / 2]]) < 0)
            {
                (_frontier[i], _frontier[(i - 1) / 2]) = (_frontier[(i - 1) / 2], _frontier[i]);
                i = (i - 1) / 2;
            }
        }
    }

    private int PopFrontier()
    {
        var top = _frontier[0];
        _frontier[0] = _frontier[^1];
        _frontier.RemoveAt(_frontier.Count - 1);
        var i = 0;
        while (true)
        {
            var least = i;
            foreach (var child in (ReadOnlySpan<int>)[(2 * i) + 1, (2 * i) + 2])
            {
                if (child < _frontier.Count && Compare(_heap[_frontier[child]], _heap[_frontier[least]]) < 0)
                {
                    least = child;
                }
            }

            if (least == i)
            {
                return top;
            }

            (_frontier[i], _frontier[least]) = (_frontier[least], _frontier[i]);
            i = least;
        }
    }

    private sealed class Client(string name, double weight)
    {
        public string Name { get; } = name;

        public double Weight { get; } = weight;

        /// <summary>The scalars allocated, summed in place (a field, so that they change in place).</summary>
        public ScalarSum Scalars;

        public RangeSet Ports { get; set; } = RangeSet.Empty;

        public ResourceSet Allocation => new(Scalars.Cpus, Scalars.Mem, Scalars.Disk, Scalars.Gpus, Ports);

        public double Share { get; set; }

        /// <summary>Where the client is in the heap.</summary>
        public int Index { get; set; }
    }
}
