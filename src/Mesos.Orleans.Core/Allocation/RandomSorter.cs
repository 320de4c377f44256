using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// Offers to clients in a random order weighted by their weights, ignoring what they hold (Mesos' random sorter):
/// a baseline against which DRF's fairness shows, and a choice for clusters that want no fairness.
/// </summary>
public sealed class RandomSorter(Random random) : ISorter
{
    private readonly Dictionary<string, (double Weight, ResourceSet Allocation)> _clients = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inactive = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Add(string client, double weight = 1)
    {
        if (weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "a weight must be positive");
        }

        _clients.TryAdd(client, (weight, ResourceSet.Empty));
    }

    /// <inheritdoc />
    public void Remove(string client)
    {
        _clients.Remove(client);
        _inactive.Remove(client);
    }

    /// <inheritdoc />
    public bool Contains(string client) => _clients.ContainsKey(client);

    /// <inheritdoc />
    public void Deactivate(string client)
    {
        EnsureKnown(client);
        _inactive.Add(client);
    }

    /// <inheritdoc />
    public void Activate(string client)
    {
        EnsureKnown(client);
        _inactive.Remove(client);
    }

    /// <inheritdoc />
    public void Allocated(string client, ResourceSet resources) =>
        _clients[client] = (_clients[client].Weight, _clients[client].Allocation + resources);

    /// <inheritdoc />
    public void Unallocated(string client, ResourceSet resources) =>
        _clients[client] = (_clients[client].Weight, _clients[client].Allocation - resources);

    /// <inheritdoc />
    public void SetTotal(ResourceSet total)
    {
    }

    /// <inheritdoc />
    public IEnumerable<string> Sort()
    {
        // Weighted shuffle: a key of u^(1/w) per client, largest first (Efraimidis-Spirakis).
        return _clients
            .Where(kv => !_inactive.Contains(kv.Key))
            .Select(kv => (Client: kv.Key, Rank: Math.Pow(random.NextDouble(), 1 / kv.Value.Weight)))
            .OrderByDescending(c => c.Rank)
            .Select(c => c.Client)
            .ToList();
    }

    /// <inheritdoc />
    /// <remarks>O(n) per call: the largest key among the clients not skipped, as if the whole order were drawn.</remarks>
    public string? First(Func<string, bool>? skip = null)
    {
        string? first = null;
        var best = double.NegativeInfinity;
        foreach (var (client, (weight, _)) in _clients)
        {
            if (_inactive.Contains(client) || skip?.Invoke(client) == true)
            {
                continue;
            }

            var rank = Math.Pow(random.NextDouble(), 1 / weight);
            if (rank > best)
            {
                (first, best) = (client, rank);
            }
        }

        return first;
    }

    /// <inheritdoc />
    public double Share(string client) => 0;

    /// <inheritdoc />
    public ResourceSet AllocationOf(string client) => _clients[client].Allocation;

    private void EnsureKnown(string client)
    {
        if (!_clients.ContainsKey(client))
        {
            throw new KeyNotFoundException($"unknown client {client}");
        }
    }
}
