namespace Mesos.Orleans.Runtime.Hosting;

/// <summary>
/// The stored grains of one type, read in one go (<see cref="GrainRuntime.PreloadAsync{TGrain}"/>): each that
/// activates while this is held loads its state from these rows instead of reading the store. Disposing it drops the
/// rows of those that did not activate.
/// </summary>
public sealed class GrainPreload : IDisposable
{
    private readonly GrainRuntime _runtime;
    private readonly string _grainType;

    internal GrainPreload(GrainRuntime runtime, string grainType, IReadOnlyList<string> keys)
    {
        _runtime = runtime;
        _grainType = grainType;
        Keys = keys;
    }

    /// <summary>The keys of the stored grains that have the state named in the preload, in order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <inheritdoc />
    public void Dispose() => _runtime.ForgetPreloaded(_grainType);
}
