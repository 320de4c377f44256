using System.Diagnostics;

namespace Mesos.Orleans.Runtime.Activations;

/// <summary>
/// A grain timer: each tick becomes a turn of the grain. A tick that comes while the previous one is still queued
/// or running is dropped, so a slow callback never piles up turns.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopped = new();
    private int _pending;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        _activation = activation;
        _callback = callback;
        _timer = time.CreateTimer(static s => ((GrainTimer)s!).OnTick(), this, dueTime, period);
    }

    private void OnTick()
    {
        if (_stopped.IsCancellationRequested || Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
        {
            return;
        }

        // A tick belongs to no caller's trace: the timer carries the context it was registered in, which is not its cause.
        Activity.Current = null;
        var item = new VoidCallItem("timer", _ => RunAsync(), awaited: false);
        if (!_activation.TryEnqueue(item))
        {
            Dispose();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            if (!_stopped.IsCancellationRequested)
            {
                await _callback(_stopped.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _pending, 0);
        }
    }

    public void Dispose()
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        _stopped.Cancel();
        _timer.Dispose();
        _activation.Unregister(this);
    }
}
