using Mesos.Orleans.Storage.Migrations;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>The SQLite schema history. Append new steps; never edit a released one.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Migrations = SchemaMigrationList.Validated(
        new SchemaMigration(1, "grain_state table", """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_key  TEXT NOT NULL,
                state_name TEXT NOT NULL,
                entry_key  TEXT NOT NULL DEFAULT '',
                version    INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                updated_at INTEGER NOT NULL, -- Unix milliseconds, store clock
                PRIMARY KEY (grain_type, grain_key, state_name, entry_key)
            );
            -- ListGrainKeys walks (type, state) without touching the rows.
            CREATE INDEX ix_grain_state_type_state_key ON grain_state (grain_type, state_name, grain_key);
            """),
        new SchemaMigration(2, "leases table", """
            CREATE TABLE leases (
                name           TEXT PRIMARY KEY NOT NULL,
                holder         TEXT NOT NULL, -- '' once released
                holder_address TEXT NOT NULL,
                epoch          INTEGER NOT NULL,
                expires_at     INTEGER NOT NULL -- Unix milliseconds, store clock
            );
            """));
}
