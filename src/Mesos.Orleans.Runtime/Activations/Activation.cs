using System.Diagnostics;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Runtime.State;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Runtime.Activations;

/// <summary>
/// One live grain: its instance, its mailbox, its state facets and timers. Messages run one at a time, each to its
/// end (awaits included); the mailbox is drained on the thread pool, with no thread of its own.
/// </summary>
internal sealed partial class Activation : IGrainContext
{
    private readonly GrainRuntime _runtime;
    private readonly GrainRegistration _registration;
    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _mailbox = new();
    private readonly List<IStateFacet> _facets = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Grain? _grain;
    private bool _running;
    private bool _closed;
    private bool _deactivateRequested;
    private long _lastActiveTimestamp;

    public Activation(GrainRuntime runtime, GrainRegistration registration, GrainId id)
    {
        _runtime = runtime;
        _registration = registration;
        Id = id;
        _lastActiveTimestamp = runtime.Time.GetTimestamp();
    }

    public GrainId Id { get; }

    public string Key => Id.Key;

    public string GrainType => Id.Type;

    public IGrainFactory GrainFactory => _runtime;

    public TimeProvider Time => _runtime.Time;

    public bool KeepAlive => _registration.KeepAlive;

    /// <summary>Completes when the activation has fully ended, so a successor waits before loading state.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>How long the activation has had nothing to do; zero while busy.</summary>
    public TimeSpan IdleFor
    {
        get
        {
            lock (_lock)
            {
                return _running || _mailbox.Count > 0 ? TimeSpan.Zero : _runtime.Time.GetElapsedTime(_lastActiveTimestamp);
            }
        }
    }

    /// <summary>Queues a message; false when the activation has closed (the caller then uses a new one).</summary>
    public bool TryEnqueue(WorkItem item)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _mailbox.Enqueue(item);
            if (_running)
            {
                return true;
            }

            _running = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.RunAsync(), this, preferLocal: false);
        return true;
    }

    private async Task RunAsync()
    {
        var turns = 0;
        while (true)
        {
            WorkItem item;
            lock (_lock)
            {
                if (_mailbox.Count == 0 || (_closed && _grain is null))
                {
                    _running = false;
                    _lastActiveTimestamp = _runtime.Time.GetTimestamp();
                    return;
                }

                if (++turns > _runtime.Options.TurnsBeforeYield)
                {
                    // Give the thread back so that other activations get a turn; we stay "running".
                    ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.RunAsync(), this, preferLocal: false);
                    return;
                }

                item = _mailbox.Dequeue();
            }

            if (_grain is null && !await TryActivateAsync(item).ConfigureAwait(false))
            {
                return;
            }

            if (item is DeactivateItem deactivate)
            {
                if (await TryDeactivateAsync(onlyIfIdle: !deactivate.Force).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            await RunTurnAsync(item).ConfigureAwait(false);
            if (_deactivateRequested && await TryDeactivateAsync(onlyIfIdle: false).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task RunTurnAsync(WorkItem item)
    {
        var previous = Activity.Current;
        var turn = EnterCallerTrace(item);
        try
        {
            await item.ExecuteAsync(_grain!).ConfigureAwait(false);
        }
        catch (InconsistentStateException e)
        {
            LogInconsistentState(_runtime.Logger, Id, e.Message);
            _deactivateRequested = true;
        }
        catch (Exception e)
        {
            LogTurnFailed(_runtime.Logger, Id, item.Name, e);
        }
        finally
        {
            turn?.Dispose();
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// Makes the caller's span current for the turn. A one-way call often runs after its caller's span ended, and
    /// an ended activity cannot be current: the turn then gets a span of its own, a child of the caller's, so the
    /// work it causes stays in the caller's trace.
    /// </summary>
    private static Activity? EnterCallerTrace(WorkItem item)
    {
        var parent = item.ParentActivity;
        if (parent is null || !parent.IsStopped)
        {
            Activity.Current = parent;
            return null;
        }

        Activity.Current = null;
        return Sources.Grains.StartActivity(item.Name, ActivityKind.Internal, parent.Context);
    }

    private async Task<bool> TryActivateAsync(WorkItem first)
    {
        try
        {
            await _runtime.WaitForPredecessorAsync(this).ConfigureAwait(false);
            _grain = _registration.Factory(this);
            var preloaded = _runtime.TakePreloaded(Id);
            await Task.WhenAll(_facets.Select(f => f.LoadAsync(preloaded, CancellationToken.None))).ConfigureAwait(false);
            await _grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e)
        {
            LogActivationFailed(_runtime.Logger, Id, e);
            List<WorkItem> queued;
            lock (_lock)
            {
                _closed = true;
                _running = false;
                queued = [.. _mailbox];
                _mailbox.Clear();
            }

            _grain = null;
            DisposeTimers();
            _runtime.Forget(this);
            _deactivated.TrySetResult();
            var error = new InvalidOperationException($"grain {Id} failed to activate: {e.Message}", e);
            first.Fail(error);
            queued.ForEach(q => q.Fail(error));
            return false;
        }
    }

    /// <summary>Ends the activation; when <paramref name="onlyIfIdle"/>, not if messages are waiting.</summary>
    private async Task<bool> TryDeactivateAsync(bool onlyIfIdle)
    {
        List<WorkItem> leftovers;
        lock (_lock)
        {
            if (onlyIfIdle && _mailbox.Count > 0)
            {
                return false;
            }

            _closed = true;
            _running = false;
            leftovers = [.. _mailbox];
            _mailbox.Clear();
        }

        // Successors wait on Deactivated, so they never read state older than what we write here.
        _runtime.Forget(this);
        DisposeTimers();
        try
        {
            await _grain!.OnDeactivateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogTurnFailed(_runtime.Logger, Id, "OnDeactivateAsync", e);
        }
        finally
        {
            _deactivated.TrySetResult();
        }

        foreach (var item in leftovers.Where(i => i is not DeactivateItem))
        {
            _runtime.Redispatch(Id, _registration, item);
        }

        return true;
    }

    /// <summary>Asks the activation to end once idle (the collector), or at its next turn (shutdown).</summary>
    public void RequestDeactivation(bool force = false) => TryEnqueue(force ? DeactivateItem.Now : DeactivateItem.WhenIdle);

    public IPersistentState<T> State<T>(string name) where T : class, new()
    {
        var facet = new PersistentState<T>(new StateAddress(GrainType, Key, name), _runtime.Store, _runtime.Serializer, WriteAsync);
        _facets.Add(facet);
        return facet;
    }

    public IPersistentMap<T> Map<T>(string name) where T : class
    {
        var facet = new PersistentMap<T>(GrainType, Key, name, _runtime.Store, _runtime.Serializer, WriteAsync);
        _facets.Add(facet);
        return facet;
    }

    public async Task WriteAsync(params IPersistentFacet[] facets)
    {
        var parts = facets.Cast<IStateFacet>().Select(f => (Facet: f, Writes: f.PendingWrites())).ToList();
        var all = parts.SelectMany(p => p.Writes).ToList();
        var outcomes = await _runtime.Writer.WriteAsync(all).ConfigureAwait(false);
        var offset = 0;
        var consistent = true;
        foreach (var (facet, writes) in parts)
        {
            consistent &= facet.Apply(writes, outcomes.Skip(offset).Take(writes.Count).ToList());
            offset += writes.Count;
        }

        if (!consistent)
        {
            throw new InconsistentStateException(
                $"the stored state of {Id} changed under this activation (another master?); it will reload");
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, _runtime.Time);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void Post(Func<Task> work) => TryEnqueue(new VoidCallItem("post", _ => work(), awaited: false));

    public void DeactivateOnIdle() => _deactivateRequested = true;

    internal void Unregister(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain {GrainId} failed to activate")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grainId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {GrainId}: {Method} failed")]
    private static partial void LogTurnFailed(ILogger logger, GrainId grainId, string method, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {GrainId} deactivates: {Reason}")]
    private static partial void LogInconsistentState(ILogger logger, GrainId grainId, string reason);
}
