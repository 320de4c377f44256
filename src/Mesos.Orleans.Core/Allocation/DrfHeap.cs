namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// The <see cref="DrfSorter"/>'s order: a binary min-heap of clients by (share, name rank), changed in place as
/// shares change (O(log n), allocating nothing). Each entry carries its client's share and rank, so comparisons
/// read one array and never a string.
/// </summary>
internal sealed class DrfHeap
{
    private readonly List<int> _frontier = []; // First's scratch: heap positions still to visit, itself a heap
    private Entry[] _entries = new Entry[16];

    public int Count { get; private set; }

    /// <summary>Adds a client at its place.</summary>
    public void Push(DrfClient client)
    {
        Append(client);
        SiftUp(Count - 1);
    }

    /// <summary>Appends a client without ordering it: call <see cref="Rebuild"/> before reading the order.</summary>
    public void Append(DrfClient client)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }

        Place(new Entry(client), Count++);
    }

    public void Remove(DrfClient client)
    {
        var at = client.HeapIndex;
        var last = _entries[--Count];
        _entries[Count] = default;
        if (at < Count)
        {
            Place(last, at);
            Restore(at);
        }
    }

    /// <summary>The client's share changed: moves it to its place.</summary>
    public void Update(DrfClient client)
    {
        _entries[client.HeapIndex].Share = client.Share;
        Restore(client.HeapIndex);
    }

    /// <summary>Takes every client's share and rank anew and orders them (O(n)).</summary>
    public void Rebuild()
    {
        for (var i = 0; i < Count; i++)
        {
            _entries[i] = new Entry(_entries[i].Client);
        }

        for (var i = (Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>
    /// The first client in order that <paramref name="skip"/> does not skip: O(1) when it is the least,
    /// O(k log k) after k skipped — a client comes after its parent, so the next in order is the least of the
    /// frontier of visited clients' children.
    /// </summary>
    public DrfClient? First(Func<string, bool>? skip)
    {
        if (Count == 0 || skip is null || !skip(_entries[0].Client.Name))
        {
            return Count == 0 ? null : _entries[0].Client;
        }

        _frontier.Clear();
        PushChildren(0);
        while (_frontier.Count > 0)
        {
            var at = PopFrontier();
            if (!skip(_entries[at].Client.Name))
            {
                return _entries[at].Client;
            }

            PushChildren(at);
        }

        return null;
    }

    /// <summary>Every client, in order.</summary>
    public DrfClient[] Sorted()
    {
        var sorted = _entries[..Count];
        Array.Sort(sorted, (x, y) => x.CompareTo(y));
        return [.. sorted.Select(e => e.Client)];
    }

    private void Restore(int at)
    {
        if (!SiftUp(at))
        {
            SiftDown(at);
        }
    }

    private bool SiftUp(int at)
    {
        var entry = _entries[at];
        var start = at;
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (entry.CompareTo(_entries[parent]) >= 0)
            {
                break;
            }

            Place(_entries[parent], at);
            at = parent;
        }

        Place(entry, at);
        return at != start;
    }

    private void SiftDown(int at)
    {
        var entry = _entries[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _entries[child + 1].CompareTo(_entries[child]) < 0)
            {
                child++;
            }

            if (_entries[child].CompareTo(entry) >= 0)
            {
                break;
            }

            Place(_entries[child], at);
            at = child;
        }

        Place(entry, at);
    }

    private void Place(Entry entry, int at)
    {
        _entries[at] = entry;
        entry.Client.HeapIndex = at;
    }

    private void PushChildren(int at)
    {
        for (var child = (2 * at) + 1; child <= (2 * at) + 2 && child < Count; child++)
        {
            _frontier.Add(child);
            var i = _frontier.Count - 1;
            while (i > 0 && Less(_frontier[i], _frontier[(i - 1) / 2]))
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
            var left = (2 * i) + 1;
            if (left < _frontier.Count && Less(_frontier[left], _frontier[least]))
            {
                least = left;
            }

            if (left + 1 < _frontier.Count && Less(_frontier[left + 1], _frontier[least]))
            {
                least = left + 1;
            }

            if (least == i)
            {
                return top;
            }

            (_frontier[i], _frontier[least]) = (_frontier[least], _frontier[i]);
            i = least;
        }
    }

    private bool Less(int a, int b) => _entries[a].CompareTo(_entries[b]) < 0;

    /// <summary>A client with the keys it is ordered by, copied so that comparing never leaves the array.</summary>
    private struct Entry(DrfClient client)
    {
        public double Share = client.Share;
        public readonly int Rank = client.Rank;
        public readonly DrfClient Client = client;

        // Lowest share first; ties broken by name (its rank) so the order is total and stable.
        public readonly int CompareTo(in Entry other)
        {
            var byShare = Share.CompareTo(other.Share);
            return byShare != 0 ? byShare : Rank.CompareTo(other.Rank);
        }
    }
}
