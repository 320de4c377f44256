using System.Diagnostics;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Telemetry.Tracing;

namespace Mesos.Orleans.Runtime.State;

/// <summary>
/// Group commit: writes that arrive while the store is busy with a transaction go together into the next one,
/// so many grains writing at once cost a few transactions, not one each. An idle store is written at once.
/// </summary>
/// <remarks>
/// Each grain has at most one write in flight (its turn awaits it), so a batch never holds two writes of one row.
/// </remarks>
internal sealed class StateWriteBatcher(IGrainStateStore store, int maxRowsPerBatch)
{
    private readonly Lock _lock = new();
    private readonly Queue<Request> _pending = new();
    private bool _flushing;

    /// <summary>How many transactions were written; for tests and metrics.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>How many rows those transactions wrote.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    private long _transactions;
    private long _rows;

    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes)
    {
        if (writes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<WriteOutcome>>([]);
        }

        var request = new Request(writes);
        bool start;
        lock (_lock)
        {
            _pending.Enqueue(request);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            _ = Task.Run(FlushAsync);
        }

        return request.Completion.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<Request>();
            var rows = 0;
            lock (_lock)
            {
                while (_pending.Count > 0 && (batch.Count == 0 || rows + _pending.Peek().Writes.Count <= maxRowsPerBatch))
                {
                    var next = _pending.Dequeue();
                    batch.Add(next);
                    rows += next.Writes.Count;
                }

                if (batch.Count == 0)
                {
                    _flushing = false;
                    return;
                }
            }

            await WriteBatchAsync(batch, rows).ConfigureAwait(false);
        }
    }

    private async Task WriteBatchAsync(List<Request> batch, int rows)
    {
        try
        {
            var all = new List<StateWrite>(rows);
            foreach (var request in batch)
            {
                all.AddRange(request.Writes);
            }

            using var activity = StartSpan(batch, rows);
            var outcomes = await store.WriteAsync(all, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _rows, rows);
            var offset = 0;
            foreach (var request in batch)
            {
                var slice = new WriteOutcome[request.Writes.Count];
                for (int i = 0; i < slice.Length; i++)
                {
                    slice[i] = outcomes[offset + i];
                }

                offset += slice.Length;
                request.Completion.TrySetResult(slice);
            }
        }
        catch (Exception e)
        {
            foreach (var request in batch)
            {
                request.Completion.TrySetException(e);
            }
        }
    }

    // A transaction serves many callers: it is a span of the first traced caller's trace, linked to the others',
    // and no span at all when no caller was traced (a timer's resync), so untraced work makes no traces of its own.
    private static Activity? StartSpan(List<Request> batch, int rows)
    {
        if (!Sources.Store.HasListeners())
        {
            return null;
        }

        var traced = batch.Where(r => r.Caller != default).Select(r => r.Caller).Distinct().ToList();
        if (traced.Count == 0)
        {
            return null;
        }

        var activity = Sources.Store.StartActivity(ActivityKind.Client, traced[0], links: traced.Skip(1).Select(c => new ActivityLink(c)), name: "store write");
        activity?.SetTag(TraceAttributes.DbOperationBatchSize, rows);
        return activity;
    }

    private sealed record Request(IReadOnlyList<StateWrite> Writes)
    {
        /// <summary>The trace of the grain turn that wrote, if any.</summary>
        public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

        public TaskCompletionSource<IReadOnlyList<WriteOutcome>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
