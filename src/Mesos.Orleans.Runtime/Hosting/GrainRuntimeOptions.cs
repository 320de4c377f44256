using System.Text.Json;

namespace Mesos.Orleans.Runtime.Hosting;

/// <summary>Settings of the grain runtime, with their defaults.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Default of <see cref="CollectionAge"/>.</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="CollectionQuantum"/>.</summary>
    public static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="CallTimeout"/>.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="MaxRowsPerTransaction"/>.</summary>
    public const int DefaultMaxRowsPerTransaction = 5000;

    /// <summary>Default of <see cref="TurnsBeforeYield"/>.</summary>
    public const int DefaultTurnsBeforeYield = 32;

    /// <summary>An activation idle this long is deactivated (unless its class is [KeepAlive]).</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;

    /// <summary>
    /// How long a caller waits for an awaited grain call before it fails with <see cref="TimeoutException"/>:
    /// a call that takes this long is a bug (a deadlock between grains, most likely), so it is made loud.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    /// <summary>The most rows one store transaction takes; more wait for the next.</summary>
    public int MaxRowsPerTransaction { get; set; } = DefaultMaxRowsPerTransaction;

    /// <summary>A busy activation gives its thread back after this many turns in a row, so others get a turn.</summary>
    public int TurnsBeforeYield { get; set; } = DefaultTurnsBeforeYield;

    /// <summary>How state is serialized; web defaults when null.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }
}
