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
                "SELECT grain_key, state_name, entry_key, version, payload FROM grain_state WHERE grain_type = ?1 ORDER BY grain_key;");
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
        return _readEntries.QueryRows(row =>
            new StoredState(new StateAddress(grainType, grainKey, stateName, row.Text(0)), row.Int64(1), row.Blob(2)));
    }

    public IEnumerable<StoredState> ReadGrainType(string grainType)
    {
        _readGrainType.Bind(1, grainType);
        return _readGrainType.StreamRows(row =>
            new StoredState(new StateAddress(grainType, row.Text(0), row.Text(1), row.Text(2)), row.Int64(3), row.Blob(4)));
    }

    public List<string> ListKeys(string grainType, string stateName)
    {
        _listKeys.Bind(1, grainType);
        _listKeys.Bind(2, stateName);
        return _listKeys.QueryRows(row => row.Text(0));
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
