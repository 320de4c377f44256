namespace Mesos.Orleans.Runtime.Storage;

/// <summary>
/// The durable home of grain state: rows addressed by <see cref="StateAddress"/>, each with a version checked on
/// write (optimistic concurrency, as Orleans' ADO.NET provider does with its ETag).
/// </summary>
/// <remarks>
/// Every engine (SQLite, PostgreSQL) passes the same conformance suite. A batch passed to
/// <see cref="WriteAsync"/> is one transaction: either every applied write is durable or none is; a write whose
/// version does not match is reported as a conflict and does not stop the others.
/// </remarks>
public interface IGrainStateStore
{
    /// <summary>Creates or migrates the schema. Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one row, or null when it does not exist.</summary>
    Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken);

    /// <summary>Reads every entry of a keyed state (all rows sharing type, key and state name).</summary>
    Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every row of every grain of a type, in one query: for a start-up that activates them all, where a read
    /// per grain and state would cost a round trip each. The rows come ordered by grain key, so each grain's rows are
    /// consecutive and a reader can hand over a grain at a time instead of holding them all.
    /// </summary>
    IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, CancellationToken cancellationToken);

    /// <summary>Lists the keys of every grain of a type that has a row for the given state name.</summary>
    Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken);

    /// <summary>Applies a batch of writes in one transaction; returns one outcome per write, in order.</summary>
    Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken);
}
