using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container's memory use in bytes.</summary>
public sealed record MemoryStats
{
    /// <summary>Memory in use (including page cache).</summary>
    [JsonPropertyName("usage")]
    public ulong? Usage { get; init; }

    /// <summary>The most memory ever used (cgroup v1 only).</summary>
    [JsonPropertyName("max_usage")]
    public ulong? MaxUsage { get; init; }

    /// <summary>The memory limit (the host's memory when unlimited).</summary>
    [JsonPropertyName("limit")]
    public ulong? Limit { get; init; }
}
