using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>Opens connections to a store file with the pragmas every connection of the engine needs.</summary>
internal static class SqliteConnections
{
    /// <summary>Opens the writing connection: WAL journal and the configured <c>synchronous</c> level.</summary>
    public static SqliteConnection OpenWriter(string path, SqliteStoreOptions options)
    {
        var connection = Open(path, options);
        try
        {
            // WAL lets readers run beside the single writer; the mode is stored in the file once set.
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a reading connection; it refuses writes so a bug cannot bypass the writer.</summary>
    public static SqliteConnection OpenReader(string path, SqliteStoreOptions options)
    {
        var connection = Open(path, options);
        Execute(connection, "PRAGMA query_only = ON;");
        return connection;
    }

    /// <summary>Runs a statement without parameters (pragmas, transaction control, DDL).</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Creates a prepared command; its parameters are added in <paramref name="parameterNames"/> order so callers set them by index.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameterNames)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    private static SqliteConnection Open(string path, SqliteStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The store keeps its own connections; a pool would hold the file open after dispose.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            // SQLite's own busy handler waits for other processes' locks (BEGIN IMMEDIATE, checkpoints).
            var busyMs = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            Execute(connection, "PRAGMA busy_timeout = " + busyMs + ";");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
