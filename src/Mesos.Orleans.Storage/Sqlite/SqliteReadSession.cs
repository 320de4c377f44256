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
    private readonly RowStatement _readOne;
    private readonly RowStatement _readEntries;
    private readonly RowStatement _readGrainType;
    private readonly RowStatement _listKeys;

    public SqliteReadSession(string path, SqliteStoreOptions options)
    {
        _connection = SqliteConnections.OpenReader(path, options);
        try
        {
            // Parameters are bound by position: ?1, ?2, ... in the order they appear.
            _readOne = new RowStatement(_connection,
                "SELECT version, payload FROM grain_state " +
                "WHERE grain_type = ?1 AND grain_key = ?2 AND state_name = ?3 AND entry_key = ?4;");
            _readEntries = new RowStatement(_connection,
                "SELECT entry_key, version, payload FROM grain_state " +
                "WHERE grain_type = ?1 AND grain_key = ?2 AND state_name = ?3 ORDER BY entry_key;");
            _readGrainType = new RowStatement(_connection,
                "SELECT grain_key, state_name, entry_key, version, payload FROM grain_state WHERE grain_type = ?1;");
            _listKeys = new RowStatement(_connection,
                "SELECT DISTINCT grain_key FROM grain_state WHERE grain_type = ?1 AND state_name = ?2 ORDER BY grain_key;");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public StoredState? Read(StateAddress address)
    {
        _readOne.Bind(1, address.GrainType);
        _readOne.Bind(2, address.GrainKey);
        _readOne.Bind(3, address.StateName);
        _readOne.Bind(4, address.EntryKey);
        try
        {
            return _readOne.Step() ? new StoredState(address, _readOne.Int64(0), _readOne.Blob(1)) : null;
        }
        finally
        {
            _readOne.Reset();
        }
    }

    public List<StoredState> ReadEntries(string grainType, string grainKey, string stateName)
    {
        _readEntries.Bind(1, grainType);
        _readEntries.Bind(2, grainKey);
        _readEntries.Bind(3, stateName);
        var entries = new List<StoredState>();
        try
        {
            while (_readEntries.Step())
            {
                var address = new StateAddress(grainType, grainKey, stateName, _readEntries.Text(0));
                entries.Add(new StoredState(address, _readEntries.Int64(1), _readEntries.Blob(2)));
            }
        }
        finally
        {
            _readEntries.Reset();
        }

        return entries;
    }

    public List<StoredState> ReadGrainType(string grainType)
    {
        _readGrainType.Bind(1, grainType);
        var rows = new List<StoredState>();
        try
        {
            while (_readGrainType.Step())
            {
                var address = new StateAddress(grainType, _readGrainType.Text(0), _readGrainType.Text(1), _readGrainType.Text(2));
                rows.Add(new StoredState(address, _readGrainType.Int64(3), _readGrainType.Blob(4)));
            }
        }
        finally
        {
            _readGrainType.Reset();
        }

        return rows;
    }

    public List<string> ListKeys(string grainType, string stateName)
    {
        _listKeys.Bind(1, grainType);
        _listKeys.Bind(2, stateName);
        var keys = new List<string>();
        try
        {
            while (_listKeys.Step())
            {
                keys.Add(_listKeys.Text(0));
            }
        }
        finally
        {
            _listKeys.Reset();
        }

        return keys;
    }

    public void Dispose()
    {
        _readOne.Dispose();
        _readEntries.Dispose();
        _readGrainType.Dispose();
        _listKeys.Dispose();
        _connection.Dispose();
    }
}
