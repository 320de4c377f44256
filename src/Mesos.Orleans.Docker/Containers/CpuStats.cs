using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container's CPU time and the host's, at one sample.</summary>
public sealed record CpuStats
{
    /// <summary>The container's CPU time.</summary>
    [JsonPropertyName("cpu_usage")]
    public CpuUsage CpuUsage { get; init; } = new();

    /// <summary>The host's CPU time in nanoseconds (for a usage ratio).</summary>
    [JsonPropertyName("system_cpu_usage")]
    public ulong? SystemCpuUsage { get; init; }

    /// <summary>How many CPUs the host has online.</summary>
    [JsonPropertyName("online_cpus")]
    public int? OnlineCpus { get; init; }
}
