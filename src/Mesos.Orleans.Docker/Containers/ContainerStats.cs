using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>One sample of a container's resource usage (<c>GET /containers/{id}/stats?stream=false</c>).</summary>
public sealed record ContainerStats
{
    /// <summary>When the sample was taken.</summary>
    [JsonPropertyName("read")]
    public DateTimeOffset Read { get; init; }

    /// <summary>CPU usage at the sample.</summary>
    [JsonPropertyName("cpu_stats")]
    public CpuStats CpuStats { get; init; } = new();

    /// <summary>CPU usage at the sample before (zero on a one-shot sample).</summary>
    [JsonPropertyName("precpu_stats")]
    public CpuStats PreCpuStats { get; init; } = new();

    /// <summary>Memory usage.</summary>
    [JsonPropertyName("memory_stats")]
    public MemoryStats MemoryStats { get; init; } = new();
}
