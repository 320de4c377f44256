using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.Tests;

/// <summary>A store whose transactions take a while, as a disk's do, so that concurrent writes can pile up.</summary>
public sealed class SlowStore(IGrainStateStore inner, TimeSpan latency) : IGrainStateStore
{
    private int _transactions;

    public int Transactions => Volatile.Read(ref _transactions);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken) => inner.ReadAsync(address, cancellationToken);

    public Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken) =>
        inner.ReadEntriesAsync(grainType, grainKey, stateName, cancellationToken);

    public IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, CancellationToken cancellationToken) =>
        inner.ReadGrainTypeAsync(grainType, cancellationToken);

    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        inner.ListGrainKeysAsync(grainType, stateName, cancellationToken);

    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _transactions);
        await Task.Delay(latency, cancellationToken);
        return await inner.WriteAsync(writes, cancellationToken);
    }
}
