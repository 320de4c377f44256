using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>The host side of a container: port bindings, CPU and memory limits, binds, network mode.</summary>
public sealed record HostConfig
{
    /// <summary>Host paths or named volumes mounted into the container.</summary>
    [JsonPropertyName("Binds")]
    public IReadOnlyList<VolumeBind>? Binds { get; init; }

    /// <summary>For each container port (<c>8080/tcp</c>), the host ports it is published on.</summary>
    [JsonPropertyName("PortBindings")]
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? PortBindings { get; init; }

    /// <summary>The network mode: <c>bridge</c> (default), <c>host</c>, <c>none</c> or a network's name.</summary>
    [JsonPropertyName("NetworkMode")]
    public string? NetworkMode { get; init; }

    /// <summary>CPU quota in billionths of a CPU (1.5 CPUs = 1 500 000 000); 0 is unlimited.</summary>
    [JsonPropertyName("NanoCpus")]
    public long NanoCpus { get; init; }

    /// <summary>Memory limit in bytes; 0 is unlimited.</summary>
    [JsonPropertyName("Memory")]
    public long Memory { get; init; }

    /// <summary>Memory plus swap limit in bytes: equal to <see cref="Memory"/> forbids swap; 0 is the engine's default (twice Memory); -1 is unlimited.</summary>
    [JsonPropertyName("MemorySwap")]
    public long MemorySwap { get; init; }

    /// <summary>Whether the engine removes the container when it exits (keep false to read its exit state).</summary>
    [JsonPropertyName("AutoRemove")]
    public bool AutoRemove { get; init; }

    /// <summary>Whether to run an init process (tini) as PID 1 that forwards signals and reaps zombies; null keeps the engine's default.</summary>
    [JsonPropertyName("Init")]
    public bool? Init { get; init; }

    /// <summary>A copy with a memory limit of <paramref name="bytes"/> and no swap beyond it.</summary>
    public HostConfig WithMemoryLimit(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return this with { Memory = bytes, MemorySwap = bytes };
    }

    /// <summary>A copy limited to <paramref name="cpus"/> CPUs (as <see cref="NanoCpus"/>).</summary>
    public HostConfig WithCpus(double cpus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpus);
        return this with { NanoCpus = (long)Math.Round(cpus * 1e9) };
    }
}
