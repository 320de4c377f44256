using System.Collections.Concurrent;
using System.Text.Json;
using Mesos.Orleans.Runtime.Activations;
using Mesos.Orleans.Runtime.Proxies;
using Mesos.Orleans.Runtime.State;
using Mesos.Orleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Runtime.Hosting;

/// <summary>
/// The grain runtime of one process: a directory of activations (one per grain id), the state store behind them
/// with group-committed writes, and the collector of idle activations. Callers reach grains through
/// <see cref="GetGrain{TGrain}"/>.
/// </summary>
/// <remarks>
/// It has Orleans' shape (interfaces of async methods keyed by string, state with versions, timers), not its
/// distribution: every activation lives in this process. See docs/architecture.md for why.
/// </remarks>
public sealed partial class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    // Shared by the runtimes of a process: an options instance keeps what it learned of each type (its converters and
    // accessors, emitted and compiled), which a new instance learns again on every restart.
    private static readonly JsonSerializerOptions DefaultSerializerOptions = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<Type, GrainRegistration> _registrations = new();
    private readonly ConcurrentDictionary<GrainId, Activation> _directory = new();
    // The rows read for grains a start-up is activating (ActivateStoredAsync), each taken by its activation.
    private readonly ConcurrentDictionary<GrainId, PreloadedRows> _preloaded = new();
    private readonly ConcurrentDictionary<GrainId, Activation> _ending = new();
    private readonly ITimer _collector;
    private volatile bool _stopped;

    /// <summary>Creates a runtime over <paramref name="store"/>.</summary>
    public GrainRuntime(GrainRuntimeOptions options, IGrainStateStore store, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Options = options;
        Store = store;
        Time = time;
        Logger = loggerFactory.CreateLogger<GrainRuntime>();
        Serializer = new JsonStateSerializer(options.SerializerOptions ?? DefaultSerializerOptions);
        Writer = new StateWriteBatcher(store, options.MaxRowsPerTransaction);
        _collector = time.CreateTimer(static r => ((GrainRuntime)r!).CollectIdle(), this, options.CollectionQuantum, options.CollectionQuantum);
    }

    internal GrainRuntimeOptions Options { get; }

    internal IGrainStateStore Store { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal IStateSerializer Serializer { get; }

    internal StateWriteBatcher Writer { get; }

    /// <summary>How many activations are alive.</summary>
    public int ActivationCount => _directory.Count;

    /// <summary>How many store transactions the runtime has written.</summary>
    public long StoreTransactions => Writer.Transactions;

    /// <summary>How many rows the runtime has written, over all its transactions.</summary>
    public long StoreRows => Writer.Rows;

    /// <summary>Registers the implementation of a grain interface and how to construct it.</summary>
    public void Register<TInterface, TGrain>(Func<IGrainContext, TGrain> factory)
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        var registration = GrainRegistration.Create(typeof(TInterface), typeof(TGrain), factory);
        if (!_registrations.TryAdd(typeof(TInterface), registration))
        {
            throw new InvalidOperationException($"{typeof(TInterface).Name} is registered already");
        }
    }

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var registration = RegistrationOf(typeof(TGrain));
        return (TGrain)(object)registration.Prototype.BoundTo(this, registration, new GrainId(registration.TypeName, key));
    }

    /// <summary>Deactivates every activation (running their OnDeactivateAsync) and stops accepting calls.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await _collector.DisposeAsync().ConfigureAwait(false);
        var all = _directory.Values.ToList();
        foreach (var activation in all)
        {
            activation.RequestDeactivation(force: true);
        }

        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    internal object Invoke(GrainId id, GrainRegistration registration, GrainMethodInvoker invoker, object?[] args)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        var (item, result) = invoker.CreateItem(args, id, Options.CallTimeout);
        Dispatch(id, registration, item);
        return result;
    }

    internal void Redispatch(GrainId id, GrainRegistration registration, WorkItem item)
    {
        if (_stopped)
        {
            item.Fail(new ObjectDisposedException(nameof(GrainRuntime)));
            return;
        }

        Dispatch(id, registration, item);
    }

    private void Dispatch(GrainId id, GrainRegistration registration, WorkItem item)
    {
        while (true)
        {
            var activation = _directory.GetOrAdd(id, static (grainId, state) => new Activation(state.Runtime, state.Registration, grainId), (Runtime: this, Registration: registration));
            if (activation.TryEnqueue(item))
            {
                return;
            }

            // It closed between lookup and enqueue: drop it from the directory and use a fresh one.
            _directory.TryRemove(KeyValuePair.Create(id, activation));
        }
    }

    /// <summary>Removes an ending activation from the directory; its successor waits for it to finish.</summary>
    internal void Forget(Activation activation)
    {
        _ending[activation.Id] = activation;
        _directory.TryRemove(KeyValuePair.Create(activation.Id, activation));
        _ = activation.Deactivated.ContinueWith(
            _ => _ending.TryRemove(KeyValuePair.Create(activation.Id, activation)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The rows preloaded for a grain, taken once: null when there are none.</summary>
    internal PreloadedRows? TakePreloaded(GrainId id) => !_preloaded.IsEmpty && _preloaded.TryRemove(id, out var rows) ? rows : null;

    internal Task WaitForPredecessorAsync(Activation successor) =>
        _ending.TryGetValue(successor.Id, out var predecessor) && predecessor != successor ? predecessor.Deactivated : Task.CompletedTask;

    private void CollectIdle()
    {
        var age = Options.CollectionAge;
        var collected = 0;
        foreach (var activation in _directory.Values)
        {
            if (!activation.KeepAlive && activation.IdleFor >= age)
            {
                activation.RequestDeactivation();
                collected++;
            }
        }

        if (collected > 0)
        {
            LogCollected(Logger, collected);
        }
    }

    private GrainRegistration RegistrationOf(Type grainInterface) =>
        _registrations.TryGetValue(grainInterface, out var registration)
            ? registration
            : throw new InvalidOperationException($"no grain is registered for {grainInterface.Name}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collected {Count} idle activations")]
    private static partial void LogCollected(ILogger logger, int count);
}
