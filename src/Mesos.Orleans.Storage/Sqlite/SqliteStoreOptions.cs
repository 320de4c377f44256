namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>Tuning for the SQLite engine. The defaults favour durability.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Durability of commits; <see cref="SqliteSynchronousMode.Full"/> by default.</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>How long a statement waits for another process's lock on the file before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Group commit: batches queued while a commit is under way share the next transaction (one fsync) up to this
    /// many rows. A single larger batch is never split.
    /// </summary>
    public int MaxRowsPerCommit { get; init; } = 20_000;

    /// <summary>The clock for <c>updated_at</c> and lease expiry. The system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
