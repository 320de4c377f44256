namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the writer connection.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Every commit is fsynced before it returns: a committed batch survives power loss.</summary>
    Full,

    /// <summary>
    /// WAL is fsynced only at checkpoints: a committed batch survives a process crash but the last ones may be lost
    /// on power loss. Faster.
    /// </summary>
    Normal,
}
