namespace Mesos.Orleans.Runtime;

/// <summary>What the runtime gives one activation: its identity, its state, its timers, its clock.</summary>
public interface IGrainContext
{
    /// <summary>The grain's key.</summary>
    string Key { get; }

    /// <summary>The grain's type name (<see cref="GrainTypeAttribute"/>).</summary>
    string GrainType { get; }

    /// <summary>Reaches other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The clock; tests replace it.</summary>
    TimeProvider Time { get; }

    /// <summary>
    /// Declares a single-valued durable state. Call from the constructor: the runtime loads every declared state
    /// before <see cref="Grain.OnActivateAsync"/>.
    /// </summary>
    IPersistentState<T> State<T>(string name) where T : class, new();

    /// <summary>
    /// Declares a keyed durable map whose entries are stored as rows of their own, so a write costs what changed,
    /// not the whole map. Call from the constructor.
    /// </summary>
    IPersistentMap<T> Map<T>(string name) where T : class;

    /// <summary>Writes the pending changes of several states in one transaction.</summary>
    Task WriteAsync(params IPersistentFacet[] facets);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn of this grain after <paramref name="dueTime"/> and then every
    /// <paramref name="period"/> (<see cref="Timeout.InfiniteTimeSpan"/> for once). A tick is skipped while the
    /// previous one is still queued or running. Dispose the result to stop it; deactivation stops it too.
    /// </summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    /// <summary>Queues <paramref name="work"/> as a later turn of this grain (a message to itself).</summary>
    void Post(Func<Task> work);

    /// <summary>Asks the runtime to deactivate this grain once the current turn ends.</summary>
    void DeactivateOnIdle();
}
