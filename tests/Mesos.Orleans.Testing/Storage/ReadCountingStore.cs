using System.Collections.Concurrent;
using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Testing.Storage;

/// <summary>A store that counts the reads of each grain type, so a test sees which grains a step woke.</summary>
public sealed class ReadCountingStore(IGrainStateStore inner) : IGrainStateStore
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>How many rows or entry lists of <paramref name="grainType"/> were read.</summary>
    public int ReadsOf(string grainType) => _reads.GetValueOrDefault(grainType);

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken)
    {
        Count(address.GrainType);
        return inner.ReadAsync(address, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        Count(grainType);
        return inner.ReadEntriesAsync(grainType, grainKey, stateName, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, CancellationToken cancellationToken)
    {
        Count(grainType);
        return inner.ReadGrainTypeAsync(grainType, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        inner.ListGrainKeysAsync(grainType, stateName, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken) =>
        inner.WriteAsync(writes, cancellationToken);

    private void Count(string grainType) => _reads.AddOrUpdate(grainType, 1, (_, n) => n + 1);
}
