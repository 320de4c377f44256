using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;
using Microsoft.Data.Sqlite;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// The single writing connection of a store and its prepared statements. Each write is one indexed, conditional
/// statement (the version check is in its WHERE clause), run through SQLite's own interface (<see cref="RowStatement"/>);
/// the current version is read only after a conflict.
/// Not thread-safe: only the store's writer thread uses it.
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private const string AddressMatch =
        "grain_type = $type AND grain_key = $key AND state_name = $state AND entry_key = $entry";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _fence;
    private readonly RowWrite _insert;
    private readonly RowWrite _update;
    private readonly RowWrite _delete;
    private readonly RowWrite _version;

    public SqliteBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _begin = SqliteConnections.Prepare(connection, "BEGIN IMMEDIATE;");
        _commit = SqliteConnections.Prepare(connection, "COMMIT;");
        _fence = SqliteConnections.Prepare(connection,
            "SELECT 1 FROM leases WHERE name = $name AND holder = $holder AND epoch = $epoch;",
            ("$name", SqliteType.Text), ("$holder", SqliteType.Text), ("$epoch", SqliteType.Integer));
        _insert = new RowWrite(connection,
            "INSERT INTO grain_state (grain_type, grain_key, state_name, entry_key, version, payload, updated_at) " +
            "VALUES ($type, $key, $state, $entry, 1, $payload, $now) ON CONFLICT DO NOTHING;");
        _update = new RowWrite(connection,
            "UPDATE grain_state SET version = version + 1, payload = $payload, updated_at = $now WHERE " + AddressMatch +
            " AND version = $expected;");
        _delete = new RowWrite(connection, "DELETE FROM grain_state WHERE " + AddressMatch + " AND version = $expected;");
        _version = new RowWrite(connection, "SELECT version FROM grain_state WHERE " + AddressMatch + ";");
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

            _delete.BindAddress(write.Address);
            _delete.BindExpected(expected);
            return _delete.Execute() == 1 ? WriteOutcome.Success(0) : WriteOutcome.Conflict(CurrentVersion(write.Address));
        }

        var statement = expected == 0 ? _insert : _update;
        statement.BindAddress(write.Address);
        statement.BindPayload(write.Payload, nowUnixMs);
        if (expected != 0)
        {
            statement.BindExpected(expected);
        }

        return statement.Execute() == 1
            ? WriteOutcome.Success(expected + 1)
            : WriteOutcome.Conflict(CurrentVersion(write.Address));
    }

    private long CurrentVersion(StateAddress address)
    {
        _version.BindAddress(address);
        return _version.QueryInt64() ?? 0;
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _insert, _update, _delete, _version })
        {
            statement.Dispose();
        }

        foreach (var command in new[] { _begin, _commit, _fence })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    // A row statement of the grain_state table, with the positions of the parameters it has (0 for those it lacks).
    private sealed class RowWrite : IDisposable
    {
        private readonly RowStatement _statement;
        private readonly int _type, _key, _state, _entry, _payload, _now, _expected;

        public RowWrite(SqliteConnection connection, string sql)
        {
            _statement = new RowStatement(connection, sql);
            (_type, _key, _state, _entry) = (_statement.Parameter("$type"), _statement.Parameter("$key"), _statement.Parameter("$state"), _statement.Parameter("$entry"));
            _payload = sql.Contains("$payload", StringComparison.Ordinal) ? _statement.Parameter("$payload") : 0;
            _now = sql.Contains("$now", StringComparison.Ordinal) ? _statement.Parameter("$now") : 0;
            _expected = sql.Contains("$expected", StringComparison.Ordinal) ? _statement.Parameter("$expected") : 0;
        }

        public void BindAddress(StateAddress address)
        {
            _statement.Bind(_type, address.GrainType);
            _statement.Bind(_key, address.GrainKey);
            _statement.Bind(_state, address.StateName);
            _statement.Bind(_entry, address.EntryKey);
        }

        public void BindPayload(ReadOnlySpan<byte> payload, long nowUnixMs)
        {
            _statement.Bind(_payload, payload);
            _statement.Bind(_now, nowUnixMs);
        }

        public void BindExpected(long version) => _statement.Bind(_expected, version);

        public int Execute() => _statement.Execute();

        public long? QueryInt64() => _statement.QueryInt64();

        public void Dispose() => _statement.Dispose();
    }
}
