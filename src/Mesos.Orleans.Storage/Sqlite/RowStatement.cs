using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// A statement prepared once on a connection and run row after row through SQLite's own interface: bind, step,
/// read columns, reset. A <see cref="SqliteCommand"/> enumerates its statements and binds every parameter through
/// an object on each run, which cost the single writer thread more than SQLite's own work per row.
/// </summary>
/// <remarks>Not thread-safe: one user at a time (the writer thread, or the reader a session belongs to).</remarks>
internal sealed class RowStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RowStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>The position of a named parameter (<c>$key</c>), for the binds.</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
    }

    public void Bind(int parameter, string value) => Check(raw.sqlite3_bind_text(_statement, parameter, value));

    public void Bind(int parameter, long value) => Check(raw.sqlite3_bind_int64(_statement, parameter, value));

    public void Bind(int parameter, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, parameter, value));

    /// <summary>Runs the statement with the values bound; returns how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            Step();
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query of one integer column: its value in the first row, or null without a row.</summary>
    public long? QueryInt64()
    {
        try
        {
            return Step() ? Int64(0) : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query with the values bound: every row, read by <paramref name="read"/>; then resets it.</summary>
    public List<T> QueryRows<T>(Func<RowStatement, T> read) => [.. StreamRows(read)];

    /// <summary>
    /// Runs a query with the values bound, a row at a time as the caller asks for them, each read by
    /// <paramref name="read"/>; resets it when the caller is done (or stops early).
    /// </summary>
    public IEnumerable<T> StreamRows<T>(Func<RowStatement, T> read)
    {
        try
        {
            while (Step())
            {
                yield return read(this);
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Moves to the next row of a query: false once there is none. <see cref="Reset"/> when done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            Check(rc);
        }

        return rc == raw.SQLITE_ROW;
    }

    /// <summary>Makes the statement ready to run again (its bindings stay until bound anew).</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public byte[] Blob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
