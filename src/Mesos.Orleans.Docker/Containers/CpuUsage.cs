using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container's CPU time in nanoseconds.</summary>
public sealed record CpuUsage
{
    /// <summary>User plus kernel time.</summary>
    [JsonPropertyName("total_usage")]
    public ulong TotalUsage { get; init; }

    /// <summary>Kernel time.</summary>
    [JsonPropertyName("usage_in_kernelmode")]
    public ulong UsageInKernelMode { get; init; }

    /// <summary>User time.</summary>
    [JsonPropertyName("usage_in_usermode")]
    public ulong UsageInUserMode { get; init; }
}
