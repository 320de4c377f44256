using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container's attachment to one network.</summary>
public sealed record EndpointSettings
{
    /// <summary>The network's id.</summary>
    [JsonPropertyName("NetworkID")]
    public string? NetworkId { get; init; }

    /// <summary>The container's IPv4 address on the network.</summary>
    [JsonPropertyName("IPAddress")]
    public string? IpAddress { get; init; }

    /// <summary>The network's gateway.</summary>
    [JsonPropertyName("Gateway")]
    public string? Gateway { get; init; }

    /// <summary>The container's MAC address on the network.</summary>
    [JsonPropertyName("MacAddress")]
    public string? MacAddress { get; init; }
}
