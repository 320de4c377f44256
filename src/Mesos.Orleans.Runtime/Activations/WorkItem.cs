using System.Diagnostics;

namespace Mesos.Orleans.Runtime.Activations;

/// <summary>One message in an activation's mailbox: a call, a timer tick, a posted job or a deactivation.</summary>
internal abstract class WorkItem
{
    /// <summary>The caller's span, current while the item runs so spans nest across grains (see <c>Activation.EnterCallerTrace</c>).</summary>
    public Activity? ParentActivity { get; } = Activity.Current;

    /// <summary>A name for logs and traces: <c>IAppGrain.ApplyAsync</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Runs the item as one turn of <paramref name="grain"/>.</summary>
    public abstract Task ExecuteAsync(Grain grain);

    /// <summary>Fails the item without running it (its activation could not start).</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A call whose caller awaits a result of type <typeparamref name="T"/>.</summary>
internal sealed class CallItem<T>(string name, Func<Grain, Task<T>> invoke) : WorkItem
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Result => _result.Task;

    public override string Name => name;

    public override async Task ExecuteAsync(Grain grain)
    {
        try
        {
            _result.TrySetResult(await invoke(grain).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            _result.TrySetException(e);
            throw;
        }
    }

    public override void Fail(Exception error) => _result.TrySetException(error);
}

/// <summary>
/// A call that returns no value. When nobody awaits it (one-way calls, timer ticks, posted jobs) no completion is
/// kept: its failure is only logged by the activation.
/// </summary>
internal sealed class VoidCallItem(string name, Func<Grain, Task> invoke, bool awaited) : WorkItem
{
    private readonly TaskCompletionSource? _result = awaited ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;

    public Task Result => _result?.Task ?? Task.CompletedTask;

    public override string Name => name;

    public override async Task ExecuteAsync(Grain grain)
    {
        try
        {
            await invoke(grain).ConfigureAwait(false);
            _result?.TrySetResult();
        }
        catch (Exception e)
        {
            _result?.TrySetException(e);
            throw;
        }
    }

    public override void Fail(Exception error) => _result?.TrySetException(error);
}

/// <summary>
/// Ends the activation: when idle (the collector's request), or whatever is queued (at shutdown, when messages that
/// keep coming must not keep it alive).
/// </summary>
internal sealed class DeactivateItem : WorkItem
{
    private DeactivateItem(bool force) => Force = force;

    public static DeactivateItem WhenIdle { get; } = new(force: false);

    public static DeactivateItem Now { get; } = new(force: true);

    public bool Force { get; }

    public override string Name => "deactivate";

    public override Task ExecuteAsync(Grain grain) => Task.CompletedTask;

    public override void Fail(Exception error)
    {
    }
}
