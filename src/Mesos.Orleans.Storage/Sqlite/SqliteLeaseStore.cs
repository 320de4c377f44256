using Mesos.Orleans.Storage.Leases;
using Microsoft.Data.Sqlite;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// Leader leases in a SQLite store file. SQLite is single-machine, so expiry is judged by this store's injected
/// <see cref="SqliteStoreOptions.TimeProvider"/>; each operation is one atomic statement (an upsert whose WHERE
/// clause holds the takeover rule), so competing processes on the same file cannot both win.
/// </summary>
public sealed class SqliteLeaseStore : ILeaseStore, IAsyncDisposable
{
    private const string Columns = "holder, holder_address, epoch, expires_at";

    private readonly SqliteStoreOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteCommand? _acquire;
    private SqliteCommand? _release;
    private SqliteCommand? _read;
    private bool _disposed;

    /// <summary>Creates a lease store on the file at <paramref name="path"/> (usually the grain-state store's file).</summary>
    public SqliteLeaseStore(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _options = options ?? new SqliteStoreOptions();
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null)
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = SqliteConnections.OpenWriter(Path, _options);
            try
            {
                SqliteMigrator.Apply(connection, _options.TimeProvider);
                // Renewal by the holder keeps the epoch; any other change of holder increments it. The takeover
                // rule sits in the upsert's WHERE clause, so the check and the write are one atomic statement.
                _acquire = SqliteConnections.Prepare(connection,
                    "INSERT INTO leases (name, holder, holder_address, epoch, expires_at) " +
                    "VALUES ($name, $holder, $address, 1, $expires) " +
                    "ON CONFLICT (name) DO UPDATE SET " +
                    "epoch = CASE WHEN leases.holder = excluded.holder THEN leases.epoch ELSE leases.epoch + 1 END, " +
                    "holder = excluded.holder, holder_address = excluded.holder_address, expires_at = excluded.expires_at " +
                    "WHERE leases.holder = excluded.holder OR leases.expires_at <= $now " +
                    "RETURNING " + Columns + ";",
                    ("$name", SqliteType.Text), ("$holder", SqliteType.Text), ("$address", SqliteType.Text),
                    ("$expires", SqliteType.Integer), ("$now", SqliteType.Integer));
                // A released lease keeps its row (and epoch) with no holder, so the next holder's epoch is higher.
                _release = SqliteConnections.Prepare(connection,
                    "UPDATE leases SET holder = '', holder_address = '', expires_at = $now " +
                    "WHERE name = $name AND holder = $holder AND expires_at > $now;",
                    ("$name", SqliteType.Text), ("$holder", SqliteType.Text), ("$now", SqliteType.Integer));
                _read = SqliteConnections.Prepare(connection,
                    "SELECT " + Columns + " FROM leases WHERE name = $name AND holder <> '' AND expires_at > $now;",
                    ("$name", SqliteType.Text), ("$now", SqliteType.Integer));
                _connection = connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<Lease?> TryAcquireAsync(string leaseName, string holderId, string holderAddress, TimeSpan ttl, CancellationToken cancellationToken)
    {
        LeaseArguments.CheckAcquire(leaseName, holderId, holderAddress, ttl);
        return RunAsync(now =>
        {
            var command = _acquire!;
            command.Parameters[0].Value = leaseName;
            command.Parameters[1].Value = holderId;
            command.Parameters[2].Value = holderAddress;
            command.Parameters[3].Value = (now + ttl).ToUnixTimeMilliseconds();
            command.Parameters[4].Value = now.ToUnixTimeMilliseconds();
            return ReadLease(command, leaseName);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string leaseName, string holderId, CancellationToken cancellationToken)
    {
        LeaseArguments.CheckRelease(leaseName, holderId);
        return RunAsync(now =>
        {
            var command = _release!;
            command.Parameters[0].Value = leaseName;
            command.Parameters[1].Value = holderId;
            command.Parameters[2].Value = now.ToUnixTimeMilliseconds();
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Lease?> ReadAsync(string leaseName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseName);
        return RunAsync(now =>
        {
            var command = _read!;
            command.Parameters[0].Value = leaseName;
            command.Parameters[1].Value = now.ToUnixTimeMilliseconds();
            return ReadLease(command, leaseName);
        }, cancellationToken);
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _acquire?.Dispose();
            _release?.Dispose();
            _read?.Dispose();
            _connection?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> RunAsync<T>(Func<DateTimeOffset, T> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is null)
            {
                throw new InvalidOperationException($"Call {nameof(InitializeAsync)} before using the lease store at {Path}.");
            }

            return operation(_options.TimeProvider.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Lease? ReadLease(SqliteCommand command, string leaseName)
    {
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Lease(leaseName, reader.GetString(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt64(2))
            : null;
    }
}
