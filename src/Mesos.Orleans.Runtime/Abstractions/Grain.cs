namespace Mesos.Orleans.Runtime;

/// <summary>
/// The base of every grain: one activation per key, one turn at a time, so a grain's fields need no locks.
/// </summary>
/// <remarks>
/// A turn runs to its end, awaits included, before the next message starts (no reentrancy). A grain must
/// therefore never await a grain that may await it back: such notifications are <see cref="OneWayAttribute"/>.
/// </remarks>
public abstract class Grain
{
    /// <summary>Creates the grain for its activation's context.</summary>
    protected Grain(IGrainContext context) => Context = context;

    /// <summary>The activation's context.</summary>
    protected IGrainContext Context { get; }

    /// <summary>The grain's key.</summary>
    protected string Key => Context.Key;

    /// <summary>Reaches other grains.</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    /// <summary>The clock.</summary>
    protected TimeProvider Time => Context.Time;

    /// <summary>Runs after the state is loaded, before the first message.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation goes away.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
