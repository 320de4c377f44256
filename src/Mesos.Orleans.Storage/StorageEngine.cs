namespace Mesos.Orleans.Storage;

/// <summary>The database behind a <see cref="GrainStorage"/>.</summary>
public enum StorageEngine
{
    /// <summary>An embedded SQLite file: one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: shared by the masters of a cluster.</summary>
    Postgres,
}
