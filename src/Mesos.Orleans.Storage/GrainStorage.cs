using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;

namespace Mesos.Orleans.Storage;

/// <summary>
/// A grain-state store and a lease store on one database, as opened by <see cref="GrainStateStores.Open"/>.
/// Disposing it closes both.
/// </summary>
public sealed class GrainStorage : IAsyncDisposable
{
    private readonly IAsyncDisposable? _sharedResource;

    internal GrainStorage(StorageEngine engine, string location, IGrainStateStore states, ILeaseStore leases, IAsyncDisposable? sharedResource)
    {
        Engine = engine;
        Location = location;
        States = states;
        Leases = leases;
        _sharedResource = sharedResource;
    }

    /// <summary>Which engine the store string selected.</summary>
    public StorageEngine Engine { get; }

    /// <summary>The SQLite file's full path, or the PostgreSQL connection string (URI form converted).</summary>
    public string Location { get; }

    /// <summary>The grain-state store.</summary>
    public IGrainStateStore States { get; }

    /// <summary>The leader-lease store.</summary>
    public ILeaseStore Leases { get; }

    /// <summary>
    /// Makes the state store commit only while the lease named by <paramref name="fence"/> still has its holder and
    /// epoch (see <see cref="LeaseFence"/>); a leader calls it on election, before its grains write.
    /// </summary>
    public void FenceWrites(LeaseFence fence)
    {
        switch (States)
        {
            case Postgres.PostgresGrainStateStore postgres:
                postgres.FenceWith(fence);
                break;
            case Sqlite.SqliteGrainStateStore sqlite:
                sqlite.FenceWith(fence);
                break;
            default:
                throw new InvalidOperationException($"{States.GetType().Name} cannot fence writes.");
        }
    }

    /// <summary>Creates or migrates the schema (one history covers both stores) and readies both stores.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await States.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Leases.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes both stores (queued SQLite batches are committed first).</summary>
    public async ValueTask DisposeAsync()
    {
        if (States is IAsyncDisposable states)
        {
            await states.DisposeAsync().ConfigureAwait(false);
        }

        if (Leases is IAsyncDisposable leases)
        {
            await leases.DisposeAsync().ConfigureAwait(false);
        }

        if (_sharedResource is not null)
        {
            await _sharedResource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
