using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Storage.Sqlite;

/// <summary>
/// A batch waiting for the writer thread, and the task its caller awaits. A caller may cancel only while the batch
/// is still queued; once the writer has started it, the batch runs to commit or failure so the caller's outcome is
/// never "unknown".
/// </summary>
internal sealed class PendingBatch
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<IReadOnlyList<WriteOutcome>> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingBatch(StateWrite[] writes, CancellationToken cancellationToken)
    {
        Writes = writes;
        _cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static self => ((PendingBatch)self!).TryCancel(), this);
        }
    }

    public StateWrite[] Writes { get; }

    public Task<IReadOnlyList<WriteOutcome>> Task => _completion.Task;

    /// <summary>Claims the batch for the writer; false when its caller cancelled it first.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    public void Complete(IReadOnlyList<WriteOutcome> outcomes)
    {
        _registration.Dispose();
        _completion.TrySetResult(outcomes);
    }

    public void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    private void TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
    }
}
