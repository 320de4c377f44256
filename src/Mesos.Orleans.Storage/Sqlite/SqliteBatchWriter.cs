using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;
using Microsoft.Data.Sqlite;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// The single writing connection of a store and its prepared statements. Each write is one indexed, conditional
/// statement (the version check is in its WHERE clause); the current version is read only after a conflict.
/// Not thread-safe: only the store's writer thread uses it.
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private const string AddressMatch =
        "grain_type = $type AND grain_key = $key AND state_name = $state AND entry_key = $entry";

    private static readonly (string, SqliteType)[] AddressParameters =
        [("$type", SqliteType.Text), ("$key", SqliteType.Text), ("$state", SqliteType.Text), ("$entry", SqliteType.Text)];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _version;
    private readonly SqliteCommand _fence;

    public SqliteBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _begin = SqliteConnections.Prepare(connection, "BEGIN IMMEDIATE;");
        _commit = SqliteConnections.Prepare(connection, "COMMIT;");
        _insert = SqliteConnections.Prepare(connection,
            "INSERT INTO grain_state (grain_type, grain_key, state_name, entry_key, version, payload, updated_at) " +
            "VALUES ($type, $key, $state, $entry, 1, $payload, $now) ON CONFLICT DO NOTHING;",
            [.. AddressParameters, ("$payload", SqliteType.Blob), ("$now", SqliteType.Integer)]);
        _update = SqliteConnections.Prepare(connection,
            "UPDATE grain_state SET version = version + 1, payload = $payload, updated_at = $now WHERE " + AddressMatch +
            " AND version = $expected;",
            [.. AddressParameters, ("$payload", SqliteType.Blob), ("$now", SqliteType.Integer), ("$expected", SqliteType.Integer)]);
        _delete = SqliteConnections.Prepare(connection,
            "DELETE FROM grain_state WHERE " + AddressMatch + " AND version = $expected;",
            [.. AddressParameters, ("$expected", SqliteType.Integer)]);
        _version = SqliteConnections.Prepare(connection,
            "SELECT version FROM grain_state WHERE " + AddressMatch + ";", AddressParameters);
        _fence = SqliteConnections.Prepare(connection,
            "SELECT 1 FROM leases WHERE name = $name AND holder = $holder AND epoch = $epoch;",
            ("$name", SqliteType.Text), ("$holder", SqliteType.Text), ("$epoch", SqliteType.Integer));
    }

    /// <summary>
    /// Inside the open transaction (which holds the file's write lock, so no takeover can interleave): throws
    /// <see cref="LeaseLostException"/> unless the lease still names the fence's holder and epoch.
    /// </summary>
    public void CheckFence(LeaseFence fence)
    {
        _fence.Parameters["$name"].Value = fence.LeaseName;
        _fence.Parameters["$holder"].Value = fence.Holder;
        _fence.Parameters["$epoch"].Value = fence.Epoch;
        if (_fence.ExecuteScalar() is null)
        {
            throw new LeaseLostException(fence);
        }
    }

    /// <summary>Starts the transaction, taking the file's write lock at once (waits up to the busy timeout).</summary>
    public void Begin() => _begin.ExecuteNonQuery();

    /// <summary>Commits; with <c>synchronous = FULL</c> this returns after the WAL is fsynced.</summary>
    public void Commit() => _commit.ExecuteNonQuery();

    /// <summary>Abandons the open transaction, if any.</summary>
    public void Rollback() => SqliteMigrator.TryRollback(_connection);

    /// <summary>Applies <paramref name="writes"/> in order inside the open transaction.</summary>
    public WriteOutcome[] Apply(IReadOnlyList<StateWrite> writes, long nowUnixMs)
    {
        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            outcomes[i] = Apply(writes[i], nowUnixMs);
        }

        return outcomes;
    }

    private WriteOutcome Apply(StateWrite write, long nowUnixMs)
    {
        var expected = write.ExpectedVersion;
        if (write.Payload is null)
        {
            if (expected == 0)
            {
                // Deleting a row that must not exist: nothing to remove, only the check.
                var current = CurrentVersion(write.Address);
                return current == 0 ? WriteOutcome.Success(0) : WriteOutcome.Conflict(current);
            }

            SetAddress(_delete, write.Address);
            _delete.Parameters[4].Value = expected;
            return _delete.ExecuteNonQuery() == 1 ? WriteOutcome.Success(0) : WriteOutcome.Conflict(CurrentVersion(write.Address));
        }

        var command = expected == 0 ? _insert : _update;
        SetAddress(command, write.Address);
        command.Parameters[4].Value = write.Payload;
        command.Parameters[5].Value = nowUnixMs;
        if (expected != 0)
        {
            command.Parameters[6].Value = expected;
        }

        return command.ExecuteNonQuery() == 1
            ? WriteOutcome.Success(expected + 1)
            : WriteOutcome.Conflict(CurrentVersion(write.Address));
    }

    private long CurrentVersion(StateAddress address)
    {
        SetAddress(_version, address);
        return _version.ExecuteScalar() is long version ? version : 0;
    }

    private static void SetAddress(SqliteCommand command, StateAddress address)
    {
        command.Parameters[0].Value = address.GrainType;
        command.Parameters[1].Value = address.GrainKey;
        command.Parameters[2].Value = address.StateName;
        command.Parameters[3].Value = address.EntryKey;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _commit, _insert, _update, _delete, _version, _fence })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
