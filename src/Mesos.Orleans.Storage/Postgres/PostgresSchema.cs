using Mesos.Orleans.Storage.Migrations;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>The PostgreSQL schema history. Append new steps; never edit a released one.</summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key that serializes migrations across processes ("MOSCHEMA" in ASCII).</summary>
    public const long MigrationLockKey = 0x4D4F_5343_4845_4D41;

    // COLLATE "C": byte order, the same on every server whatever its locale, and the cheapest to compare.
    public static readonly IReadOnlyList<SchemaMigration> Migrations = SchemaMigrationList.Validated(
        new SchemaMigration(1, "grain_state table", """
            CREATE TABLE grain_state (
                grain_type text COLLATE "C" NOT NULL,
                grain_key  text COLLATE "C" NOT NULL,
                state_name text COLLATE "C" NOT NULL,
                entry_key  text COLLATE "C" NOT NULL DEFAULT '',
                version    bigint NOT NULL,
                payload    bytea NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grain_type, grain_key, state_name, entry_key)
            );
            -- ListGrainKeys walks (type, state) in the index only. entry_key keeps the entries unique: thousands of
            -- equal keys (one grain's entries) made each non-HOT update in a big batch cost milliseconds.
            CREATE INDEX ix_grain_state_type_state_key ON grain_state (grain_type, state_name, grain_key, entry_key);
            """),
        new SchemaMigration(2, "leases table", """
            CREATE TABLE leases (
                name           text COLLATE "C" PRIMARY KEY,
                holder         text COLLATE "C" NOT NULL, -- '' once released
                holder_address text NOT NULL,
                epoch          bigint NOT NULL,
                expires_at     timestamptz NOT NULL -- on the server's clock
            );
            """));
}
