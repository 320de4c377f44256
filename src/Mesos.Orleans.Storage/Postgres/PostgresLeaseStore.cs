using Mesos.Orleans.Storage.Leases;
using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// Leader leases in PostgreSQL. Expiry is judged by the server's <c>now()</c>, never a master's clock, and each
/// operation is one atomic statement (an upsert whose WHERE clause holds the takeover rule), so masters with skewed
/// clocks cannot both hold a lease. Operations are retried after transient failures; all of them are idempotent
/// for their caller (a repeated acquire by the same holder is a renewal).
/// </summary>
public sealed class PostgresLeaseStore : ILeaseStore, IAsyncDisposable
{
    private const string Columns = "holder, holder_address, epoch, expires_at";

    // Renewal by the holder keeps the epoch; any other change of holder increments it.
    private const string AcquireSql =
        "INSERT INTO leases AS l (name, holder, holder_address, epoch, expires_at) VALUES ($1, $2, $3, 1, now() + $4) " +
        "ON CONFLICT (name) DO UPDATE SET " +
        "epoch = CASE WHEN l.holder = excluded.holder THEN l.epoch ELSE l.epoch + 1 END, " +
        "holder = excluded.holder, holder_address = excluded.holder_address, expires_at = excluded.expires_at " +
        "WHERE l.holder = excluded.holder OR l.expires_at <= now() " +
        "RETURNING " + Columns;

    // A released lease keeps its row (and epoch) with no holder, so the next holder's epoch is higher.
    private const string ReleaseSql =
        "UPDATE leases SET holder = '', holder_address = '', expires_at = now() WHERE name = $1 AND holder = $2 AND expires_at > now()";

    private const string ReadSql = "SELECT " + Columns + " FROM leases WHERE name = $1 AND holder <> '' AND expires_at > now()";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresRetryPolicy _retry;

    /// <summary>Creates a lease store from a connection string; it owns its connection pool.</summary>
    public PostgresLeaseStore(string connectionString, PostgresStoreOptions? options = null)
        : this(PostgresDataSources.Create(connectionString), ownsDataSource: true, options)
    {
    }

    /// <summary>Creates a lease store on a shared data source; the caller disposes it.</summary>
    public PostgresLeaseStore(NpgsqlDataSource dataSource, PostgresStoreOptions? options = null)
        : this(dataSource, ownsDataSource: false, options)
    {
    }

    private PostgresLeaseStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _retry = new PostgresRetryPolicy(dataSource, options ?? new PostgresStoreOptions());
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _retry.RunAsync("migration", async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await PostgresMigrator.ApplyAsync(connection, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<Lease?> TryAcquireAsync(string leaseName, string holderId, string holderAddress, TimeSpan ttl, CancellationToken cancellationToken)
    {
        LeaseArguments.CheckAcquire(leaseName, holderId, holderAddress, ttl);
        return _retry.RunAsync("lease acquire", async ct =>
        {
            await using var command = _dataSource.CreateCommand(AcquireSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leaseName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holderId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holderAddress });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl });
            return await ReadLeaseAsync(command, leaseName, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string leaseName, string holderId, CancellationToken cancellationToken)
    {
        LeaseArguments.CheckRelease(leaseName, holderId);
        return _retry.RunAsync("lease release", async ct =>
        {
            await using var command = _dataSource.CreateCommand(ReleaseSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leaseName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holderId });
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Lease?> ReadAsync(string leaseName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseName);
        return _retry.RunAsync("lease read", async ct =>
        {
            await using var command = _dataSource.CreateCommand(ReadSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leaseName });
            return await ReadLeaseAsync(command, leaseName, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Closes the connection pool when the store owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<Lease?> ReadLeaseAsync(NpgsqlCommand command, string leaseName, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new Lease(leaseName, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(2));
    }
}
