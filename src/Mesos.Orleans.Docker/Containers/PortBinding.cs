using System.Globalization;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A host address and port a container port is published on.</summary>
public sealed record PortBinding
{
    /// <summary>The host address to listen on; empty or null is every address.</summary>
    [JsonPropertyName("HostIp")]
    public string? HostIp { get; init; }

    /// <summary>The host port, as the API writes it (a decimal string); empty or null lets the engine pick one.</summary>
    [JsonPropertyName("HostPort")]
    public string? HostPort { get; init; }

    /// <summary>The host port as a number, or null when the engine was left to pick and has not reported one.</summary>
    [JsonIgnore]
    public int? HostPortNumber =>
        int.TryParse(HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    /// <summary>A binding to <paramref name="hostPort"/> on <paramref name="hostIp"/> (every address when null).</summary>
    public static PortBinding Create(int hostPort, string? hostIp = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hostPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostPort, 65535);
        return new PortBinding { HostIp = hostIp, HostPort = hostPort.ToString(CultureInfo.InvariantCulture) };
    }
}
