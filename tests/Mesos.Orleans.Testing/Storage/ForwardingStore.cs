using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Testing.Storage;

/// <summary>A store that passes every call to <paramref name="inner"/>: a test's store overrides only what it changes.</summary>
public abstract class ForwardingStore(IGrainStateStore inner) : IGrainStateStore
{
    /// <summary>The store the calls go to.</summary>
    protected IGrainStateStore Inner { get; } = inner;

    /// <inheritdoc />
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => Inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken) => Inner.ReadAsync(address, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken) =>
        Inner.ReadEntriesAsync(grainType, grainKey, stateName, cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, CancellationToken cancellationToken) =>
        Inner.ReadGrainTypeAsync(grainType, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        Inner.ListGrainKeysAsync(grainType, stateName, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken) =>
        Inner.WriteAsync(writes, cancellationToken);
}
