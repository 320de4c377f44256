using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The answer of <c>GET /v2/info</c> (Marathon's <c>MarathonInfo</c>).</summary>
internal sealed record MarathonInfo
{
    /// <summary>The server's name: <c>mesos-orleans</c>.</summary>
    public string Name { get; init; } = "mesos-orleans";

    /// <summary>The server's version.</summary>
    public required string Version { get; init; }

    /// <summary>The build it runs.</summary>
    public required string Buildref { get; init; }

    /// <summary>True when this master leads (in <c>up</c>, always).</summary>
    public required bool Elected { get; init; }

    /// <summary>The leader's <c>host:port</c>.</summary>
    public required string Leader { get; init; }

    /// <summary>The id of the framework that runs the apps.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>Marathon's settings, as far as they have a meaning here.</summary>
    [JsonPropertyName("marathon_config")]
    public required MarathonConfig MarathonConfig { get; init; }

    /// <summary>ZooKeeper's settings: there is no ZooKeeper, so the address is empty.</summary>
    [JsonPropertyName("zookeeper_config")]
    public ZooKeeperConfig ZooKeeperConfig { get; init; } = new();

    /// <summary>Where the API listens.</summary>
    [JsonPropertyName("http_config")]
    public required HttpConfig HttpConfig { get; init; }
}
