using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;
using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// The cluster grain-state store on PostgreSQL. A batch is one transaction sent in <see cref="NpgsqlBatch"/>es.
/// Reads and whole batches are retried with backoff after transient failures (connection lost, server restart,
/// deadlock): a batch is retried only when its transaction is known not to have committed, and when the reply to
/// COMMIT itself is lost the server is asked (<c>txid_status</c>) whether it committed, so a batch is never applied
/// twice or in part.
/// </summary>
public sealed class PostgresGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    private const string ReadOneSql =
        "SELECT version, payload FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND entry_key = $4";

    private const string ReadEntriesSql =
        "SELECT entry_key, version, payload FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 ORDER BY entry_key";

    private const string ReadGrainTypeSql =
        "SELECT grain_key, state_name, entry_key, version, payload FROM grain_state WHERE grain_type = $1 ORDER BY grain_key";

    private const string ListKeysSql =
        "SELECT DISTINCT grain_key FROM grain_state WHERE grain_type = $1 AND state_name = $2 ORDER BY grain_key";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresStoreOptions _options;
    private readonly PostgresRetryPolicy _retry;
    private volatile bool _initialized;
    private volatile LeaseFence? _fence;

    /// <summary>Creates a store from a connection string (<c>Host=…;Database=…;Username=…</c>); it owns its connection pool.</summary>
    public PostgresGrainStateStore(string connectionString, PostgresStoreOptions? options = null)
        : this(PostgresDataSources.Create(connectionString), ownsDataSource: true, options)
    {
    }

    /// <summary>Creates a store on a data source shared with others (e.g. a <see cref="PostgresLeaseStore"/>); the caller disposes it.</summary>
    public PostgresGrainStateStore(NpgsqlDataSource dataSource, PostgresStoreOptions? options = null)
        : this(dataSource, ownsDataSource: false, options)
    {
    }

    private PostgresGrainStateStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options ?? new PostgresStoreOptions();
        if (_options.MaxStatementsPerRoundTrip < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxStatementsPerRoundTrip, "MaxStatementsPerRoundTrip must be positive.");
        }

        _retry = new PostgresRetryPolicy(dataSource, _options);
    }

    /// <summary>
    /// From now on, commits a batch only while the lease still names the fence's holder and epoch (checked in the
    /// batch's transaction); otherwise the batch fails with <see cref="LeaseLostException"/>, applying nothing.
    /// </summary>
    public void FenceWith(LeaseFence fence) => _fence = fence ?? throw new ArgumentNullException(nameof(fence));

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Safe to retry: a migration transaction that did commit is found applied and skipped.
        await _retry.RunAsync("migration", async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await PostgresMigrator.ApplyAsync(connection, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken)
    {
        StateWriteValidation.CheckAddress(address, nameof(address));
        ThrowIfNotInitialized();
        return _retry.RunAsync("read", async ct =>
        {
            await using var command = _dataSource.CreateCommand(ReadOneSql);
            AddText(command, address.GrainType, address.GrainKey, address.StateName, address.EntryKey);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new StoredState(address, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
                : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ArgumentNullException.ThrowIfNull(grainKey);
        ArgumentNullException.ThrowIfNull(stateName);
        ThrowIfNotInitialized();
        return _retry.RunAsync<IReadOnlyList<StoredState>>("read entries", async ct =>
        {
            await using var command = _dataSource.CreateCommand(ReadEntriesSql);
            AddText(command, grainType, grainKey, stateName);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var entries = new List<StoredState>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var address = new StateAddress(grainType, grainKey, stateName, reader.GetString(0));
                entries.Add(new StoredState(address, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            }

            return entries;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ThrowIfNotInitialized();

        // Opening the query is retried; a stream that breaks once rows were handed out is not (they would come twice).
        var (command, reader) = await _retry.RunAsync("read grain type", async ct =>
        {
            var command = _dataSource.CreateCommand(ReadGrainTypeSql);
            try
            {
                AddText(command, grainType);
                return (command, await command.ExecuteReaderAsync(ct).ConfigureAwait(false));
            }
            catch
            {
                await command.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
        await using (command.ConfigureAwait(false))
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var address = new StateAddress(grainType, reader.GetString(0), reader.GetString(1), reader.GetString(2));
                yield return new StoredState(address, reader.GetInt64(3), reader.GetFieldValue<byte[]>(4));
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ArgumentNullException.ThrowIfNull(stateName);
        ThrowIfNotInitialized();
        return _retry.RunAsync<IReadOnlyList<string>>("list keys", async ct =>
        {
            await using var command = _dataSource.CreateCommand(ListKeysSql);
            AddText(command, grainType, stateName);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var keys = new List<string>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                keys.Add(reader.GetString(0));
            }

            return keys;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        StateWriteValidation.Check(writes);
        ThrowIfNotInitialized();
        cancellationToken.ThrowIfCancellationRequested();
        if (writes.Count == 0)
        {
            return [];
        }

        StateWrite[] batch = [.. writes];
        var fence = _fence;
        return await _retry.RunAsync("write batch", async ct =>
        {
            try
            {
                return await PostgresBatchAttempt.RunAsync(_dataSource, batch, _options.MaxStatementsPerRoundTrip, fence, ct).ConfigureAwait(false);
            }
            catch (PostgresCommitInDoubtException doubt)
            {
                if (await PostgresTransactionStatus.CommittedAsync(_dataSource, _retry, _options, doubt, ct).ConfigureAwait(false))
                {
                    return doubt.Outcomes;
                }

                // Known not committed: rethrow the transient cause so the policy runs the batch again.
                ExceptionDispatchInfo.Throw(doubt.InnerException!);
                throw; // unreachable
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection pool when the store owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ThrowIfNotInitialized()
    {
        if (!_initialized)
        {
            throw new InvalidOperationException($"Call {nameof(InitializeAsync)} before using the store.");
        }
    }

    private static void AddText(NpgsqlCommand command, params string[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }
    }
}
