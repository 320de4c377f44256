using Mesos.Orleans.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// Applies the missing <see cref="SqliteSchema.Migrations"/> in one <c>BEGIN IMMEDIATE</c> transaction: the write
/// lock taken up front makes concurrent initializers (other processes) wait, then find the work done.
/// </summary>
internal static class SqliteMigrator
{
    public static void Apply(SqliteConnection connection, TimeProvider clock)
    {
        SqliteConnections.Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            SqliteConnections.Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     INTEGER PRIMARY KEY NOT NULL,
                    description TEXT NOT NULL,
                    applied_at  INTEGER NOT NULL -- Unix milliseconds
                );
                """);
            var applied = ReadApplied(connection);
            using var record = SqliteConnections.Prepare(connection,
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($version, $description, $at);",
                ("$version", SqliteType.Integer), ("$description", SqliteType.Text), ("$at", SqliteType.Integer));
            foreach (var migration in SqliteSchema.Migrations)
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                SqliteConnections.Execute(connection, migration.Sql);
                record.Parameters[0].Value = migration.Version;
                record.Parameters[1].Value = migration.Description;
                record.Parameters[2].Value = clock.GetUtcNow().ToUnixTimeMilliseconds();
                record.ExecuteNonQuery();
            }

            SqliteConnections.Execute(connection, "COMMIT;");
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    /// <summary>Rolls back the open transaction, if SQLite has not already done so after the error.</summary>
    public static void TryRollback(SqliteConnection connection)
    {
        try
        {
            SqliteConnections.Execute(connection, "ROLLBACK;");
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            // "no transaction is active": SQLite rolled back by itself (I/O error, full disk); or the connection
            // is unusable. Either way the caller's own error is the one to report.
        }
    }

    private static HashSet<long> ReadApplied(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations;";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }
}
