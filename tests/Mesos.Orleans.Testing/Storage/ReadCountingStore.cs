using System.Collections.Concurrent;
using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Testing.Storage;

/// <summary>A store that counts the reads of each grain type, so a test sees which grains a step woke.</summary>
public sealed class ReadCountingStore(IGrainStateStore inner) : ForwardingStore(inner)
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>How many rows or entry lists of <paramref name="grainType"/> were read.</summary>
    public int ReadsOf(string grainType) => _reads.GetValueOrDefault(grainType);

    /// <inheritdoc />
    public override Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken)
    {
        Count(address.GrainType);
        return base.ReadAsync(address, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        Count(grainType);
        return base.ReadEntriesAsync(grainType, grainKey, stateName, cancellationToken);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, CancellationToken cancellationToken)
    {
        Count(grainType);
        return base.ReadGrainTypeAsync(grainType, cancellationToken);
    }

    private void Count(string grainType) => _reads.AddOrUpdate(grainType, 1, (_, n) => n + 1);
}
