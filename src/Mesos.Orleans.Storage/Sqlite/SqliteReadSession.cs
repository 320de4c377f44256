using Mesos.Orleans.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// A reading connection with its prepared queries. The store pools these so reads never open a connection or
/// re-prepare a statement on the hot path. Used by one caller at a time.
/// </summary>
internal sealed class SqliteReadSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _readOne;
    private readonly SqliteCommand _readEntries;
    private readonly SqliteCommand _listKeys;

    public SqliteReadSession(string path, SqliteStoreOptions options)
    {
        _connection = SqliteConnections.OpenReader(path, options);
        try
        {
            _readOne = SqliteConnections.Prepare(_connection,
                "SELECT version, payload FROM grain_state " +
                "WHERE grain_type = $type AND grain_key = $key AND state_name = $state AND entry_key = $entry;",
                ("$type", SqliteType.Text), ("$key", SqliteType.Text), ("$state", SqliteType.Text), ("$entry", SqliteType.Text));
            _readEntries = SqliteConnections.Prepare(_connection,
                "SELECT entry_key, version, payload FROM grain_state " +
                "WHERE grain_type = $type AND grain_key = $key AND state_name = $state ORDER BY entry_key;",
                ("$type", SqliteType.Text), ("$key", SqliteType.Text), ("$state", SqliteType.Text));
            _listKeys = SqliteConnections.Prepare(_connection,
                "SELECT DISTINCT grain_key FROM grain_state WHERE grain_type = $type AND state_name = $state ORDER BY grain_key;",
                ("$type", SqliteType.Text), ("$state", SqliteType.Text));
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public StoredState? Read(StateAddress address)
    {
        _readOne.Parameters[0].Value = address.GrainType;
        _readOne.Parameters[1].Value = address.GrainKey;
        _readOne.Parameters[2].Value = address.StateName;
        _readOne.Parameters[3].Value = address.EntryKey;
        using var reader = _readOne.ExecuteReader();
        return reader.Read() ? new StoredState(address, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    public List<StoredState> ReadEntries(string grainType, string grainKey, string stateName)
    {
        _readEntries.Parameters[0].Value = grainType;
        _readEntries.Parameters[1].Value = grainKey;
        _readEntries.Parameters[2].Value = stateName;
        using var reader = _readEntries.ExecuteReader();
        var entries = new List<StoredState>();
        while (reader.Read())
        {
            var address = new StateAddress(grainType, grainKey, stateName, reader.GetString(0));
            entries.Add(new StoredState(address, reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        }

        return entries;
    }

    public List<string> ListKeys(string grainType, string stateName)
    {
        _listKeys.Parameters[0].Value = grainType;
        _listKeys.Parameters[1].Value = stateName;
        using var reader = _listKeys.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void Dispose()
    {
        _readOne.Dispose();
        _readEntries.Dispose();
        _listKeys.Dispose();
        _connection.Dispose();
    }
}
