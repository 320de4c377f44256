using System.Collections.Concurrent;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// Idle <see cref="SqliteReadSession"/>s kept for reuse, so a read costs neither a connection open nor a statement
/// prepare. Concurrent readers beyond the pool's size get a session of their own, closed afterwards.
/// </summary>
internal sealed class SqliteReaderPool : IDisposable
{
    private readonly string _path;
    private readonly SqliteStoreOptions _options;
    private readonly ConcurrentBag<SqliteReadSession> _idle = [];
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteReaderPool(string path, SqliteStoreOptions options)
    {
        _path = path;
        _options = options;
    }

    public T Run<T>(Func<SqliteReadSession, T> read)
    {
        var session = Take();
        var reusable = false;
        try
        {
            var result = read(session);
            reusable = true;
            return result;
        }
        finally
        {
            Return(session, reusable);
        }
    }

    /// <summary>A query whose rows stream to the caller: the session is the caller's until it is done with them.</summary>
    public IEnumerable<T> Stream<T>(Func<SqliteReadSession, IEnumerable<T>> read)
    {
        var session = Take();
        var reusable = false;
        try
        {
            foreach (var item in read(session))
            {
                yield return item;
            }

            reusable = true;
        }
        finally
        {
            Return(session, reusable);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private SqliteReadSession Take()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        return new SqliteReadSession(_path, _options);
    }

    private void Return(SqliteReadSession session, bool reusable)
    {
        // A session whose query failed may be in a bad state; it is dropped rather than pooled.
        if (reusable && !_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= _maxIdle)
            {
                _idle.Add(session);
                if (_disposed)
                {
                    DisposeIdle(); // lost the race with Dispose: do its work for this session
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        session.Dispose();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}
