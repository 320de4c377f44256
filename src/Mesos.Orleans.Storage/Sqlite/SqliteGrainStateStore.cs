using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// The embedded grain-state store: one SQLite file in WAL mode. All writes go through one connection owned by a
/// writer thread that commits queued batches together (group commit: one transaction and one fsync for every batch
/// waiting at that moment, each batch still all-or-nothing). Reads use a small pool of separate read-only
/// connections, so they never wait for the writer.
/// </summary>
public sealed class SqliteGrainStateStore : IGrainStateStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly BlockingCollection<PendingBatch> _queue = new();
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private volatile SqliteBatchWriter? _writer;
    private volatile LeaseFence? _fence;
    private SqliteReaderPool? _readers;
    private Task? _writerLoop;
    private int _disposed;

    /// <summary>Creates a store on the file at <paramref name="path"/> (created with its directory on initialization).</summary>
    public SqliteGrainStateStore(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _options = options ?? new SqliteStoreOptions();
        if (_options.MaxRowsPerCommit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxRowsPerCommit, "MaxRowsPerCommit must be positive.");
        }
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// From now on, commits a group of batches only while the lease still names the fence's holder and epoch
    /// (checked under the group's write lock); otherwise the group fails with <see cref="LeaseLostException"/>.
    /// </summary>
    public void FenceWith(LeaseFence fence) => _fence = fence ?? throw new ArgumentNullException(nameof(fence));

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            if (_writer is not null)
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = SqliteConnections.OpenWriter(Path, _options);
            try
            {
                SqliteMigrator.Apply(connection, _options.TimeProvider);
                _readers = new SqliteReaderPool(Path, _options);
                _writer = new SqliteBatchWriter(connection); // last: a non-null writer is what marks the store ready
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            // A dedicated thread: commits block on fsync, which should not hold a thread-pool thread.
            _writerLoop = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken)
    {
        StateWriteValidation.CheckAddress(address, nameof(address));
        return Task.FromResult(WithReader(session => session.Read(address), cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ArgumentNullException.ThrowIfNull(grainKey);
        ArgumentNullException.ThrowIfNull(stateName);
        return Task.FromResult<IReadOnlyList<StoredState>>(
            WithReader(session => session.ReadEntries(grainType, grainKey, stateName), cancellationToken));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ThrowIfNotReady();

        // SQLite steps on the thread that asks for the next row, holding a pooled reader until the last one.
        foreach (var row in _readers!.Stream(session => session.ReadGrainType(grainType)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        ArgumentNullException.ThrowIfNull(stateName);
        return Task.FromResult<IReadOnlyList<string>>(WithReader(session => session.ListKeys(grainType, stateName), cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        StateWriteValidation.Check(writes);
        ThrowIfNotReady();
        cancellationToken.ThrowIfCancellationRequested();
        if (writes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<WriteOutcome>>([]);
        }

        // A copy, so a caller reusing its list cannot change a batch the writer has not reached yet.
        var pending = new PendingBatch([.. writes], cancellationToken);
        try
        {
            _queue.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStateStore));
        }

        return pending.Task;
    }

    /// <summary>Commits the batches already queued, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.CompleteAdding();
        if (_writerLoop is not null)
        {
            await _writerLoop.ConfigureAwait(false);
        }

        _writer?.Dispose();
        _readers?.Dispose();

        _queue.Dispose();
        _initializeGate.Dispose();
    }

    private void WriteLoop()
    {
        var group = new List<PendingBatch>();
        while (_queue.TryTake(out var batch, Timeout.Infinite))
        {
            // Take everything already waiting (up to the row budget) into this transaction.
            var rows = 0;
            do
            {
                if (batch.TryStart())
                {
                    group.Add(batch);
                    rows += batch.Writes.Length;
                }
            }
            while (rows < _options.MaxRowsPerCommit && _queue.TryTake(out batch));

            if (group.Count > 0)
            {
                CommitGroup(group);
                group.Clear();
            }
        }
    }

    private void CommitGroup(List<PendingBatch> group)
    {
        var writer = _writer!;
        var outcomes = new WriteOutcome[group.Count][];
        try
        {
            writer.Begin();
            if (_fence is { } fence)
            {
                writer.CheckFence(fence);
            }

            var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            for (var i = 0; i < group.Count; i++)
            {
                outcomes[i] = writer.Apply(group[i].Writes, now);
            }

            writer.Commit();
        }
#pragma warning disable CA1031 // Any failure belongs to the callers; the writer thread must survive it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Nothing of the group is committed: every batch in it fails with the cause.
            writer.Rollback();
            foreach (var batch in group)
            {
                batch.Fail(exception);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Complete(outcomes[i]);
        }
    }

    private T WithReader<T>(Func<SqliteReadSession, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNotReady();
        return _readers!.Run(read);
    }

    private void ThrowIfNotReady()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (_writer is null)
        {
            throw new InvalidOperationException($"Call {nameof(InitializeAsync)} before using the store at {Path}.");
        }
    }
}
