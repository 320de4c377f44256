namespace Mesos.Orleans.Runtime.Storage;

/// <summary>
/// A store that keeps rows in memory: for tests of grains and of the runtime, and for benchmarks that measure
/// everything but the disk. It honours the same version rules as the durable engines.
/// </summary>
public sealed class InMemoryGrainStateStore : IGrainStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StateAddress, StoredState> _rows = [];

    /// <summary>How many transactions were written.</summary>
    public int Transactions { get; private set; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault(address));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredState> rows = _rows.Values
                .Where(r => r.Address.GrainType == grainType && r.Address.GrainKey == grainKey && r.Address.StateName == stateName)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _rows.Values.Where(r => r.Address.GrainType == grainType).OrderBy(r => r.Address.GrainKey, StringComparer.Ordinal).ToList().ToAsyncEnumerable();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<string> keys = _rows.Keys
                .Where(a => a.GrainType == grainType && a.StateName == stateName)
                .Select(a => a.GrainKey).Distinct().Order(StringComparer.Ordinal).ToList();
            return Task.FromResult(keys);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Transactions++;
            var outcomes = new WriteOutcome[writes.Count];
            for (int i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var current = _rows.GetValueOrDefault(write.Address)?.Version ?? 0;
                if (current != write.ExpectedVersion)
                {
                    outcomes[i] = WriteOutcome.Conflict(current);
                }
                else if (write.IsDelete)
                {
                    _rows.Remove(write.Address);
                    outcomes[i] = WriteOutcome.Success(0);
                }
                else
                {
                    _rows[write.Address] = new StoredState(write.Address, current + 1, write.Payload!);
                    outcomes[i] = WriteOutcome.Success(current + 1);
                }
            }

            return Task.FromResult<IReadOnlyList<WriteOutcome>>(outcomes);
        }
    }
}
