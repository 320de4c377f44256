using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container's networking: its published ports and its address on each network.</summary>
public sealed record NetworkSettings
{
    /// <summary>The address on the default bridge network (empty on others; see <see cref="Networks"/>).</summary>
    [JsonPropertyName("IPAddress")]
    public string? IpAddress { get; init; }

    /// <summary>For each exposed container port (<c>8080/tcp</c>), the host bindings (null when not published).</summary>
    [JsonPropertyName("Ports")]
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? Ports { get; init; }

    /// <summary>The networks the container is attached to, by name.</summary>
    [JsonPropertyName("Networks")]
    public IReadOnlyDictionary<string, EndpointSettings>? Networks { get; init; }
}
