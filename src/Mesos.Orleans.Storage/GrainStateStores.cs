using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Storage.Sqlite;

namespace Mesos.Orleans.Storage;

/// <summary>Opens the storage named by a single "store" setting, picking the engine from its form.</summary>
public static class GrainStateStores
{
    /// <summary>
    /// Opens <paramref name="store"/>: a PostgreSQL connection string (one with <c>Host=</c>) or URI
    /// (<c>postgres://</c>, <c>postgresql://</c>) selects PostgreSQL; anything else is a SQLite file path, whose
    /// directory is created. Call <see cref="GrainStorage.InitializeAsync"/> before use.
    /// </summary>
    public static GrainStorage Open(string store, SqliteStoreOptions? sqlite = null, PostgresStoreOptions? postgres = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        if (PostgresConnectionStrings.IsPostgres(store))
        {
            var connectionString = PostgresConnectionStrings.Normalize(store);
            // One pool for both stores; GrainStorage disposes it after them.
            var dataSource = PostgresDataSources.Create(connectionString);
            return new GrainStorage(
                StorageEngine.Postgres,
                connectionString,
                new PostgresGrainStateStore(dataSource, postgres),
                new PostgresLeaseStore(dataSource, postgres),
                dataSource);
        }

        var path = Path.GetFullPath(store.Trim());
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new GrainStorage(StorageEngine.Sqlite, path, new SqliteGrainStateStore(path, sqlite), new SqliteLeaseStore(path, sqlite), null);
    }
}
