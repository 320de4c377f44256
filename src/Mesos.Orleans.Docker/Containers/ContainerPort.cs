using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container port in a listing, with the host port it is published on, if any.</summary>
public sealed record ContainerPort
{
    /// <summary>The host address it is published on.</summary>
    [JsonPropertyName("IP")]
    public string? Ip { get; init; }

    /// <summary>The port inside the container.</summary>
    [JsonPropertyName("PrivatePort")]
    public int PrivatePort { get; init; }

    /// <summary>The host port, when published.</summary>
    [JsonPropertyName("PublicPort")]
    public int? PublicPort { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    [JsonPropertyName("Type")]
    public string? Type { get; init; }
}
