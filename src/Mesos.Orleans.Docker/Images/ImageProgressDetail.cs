using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Images;

/// <summary>How far a layer's download or extraction is, in bytes.</summary>
public sealed record ImageProgressDetail
{
    /// <summary>Bytes done.</summary>
    [JsonPropertyName("current")]
    public long? Current { get; init; }

    /// <summary>Bytes in all (absent when unknown).</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
