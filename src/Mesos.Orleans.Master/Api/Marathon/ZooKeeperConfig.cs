using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Marathon's <c>zookeeper_config</c>: state lives in a SQL store here, so there is no ZooKeeper.</summary>
internal sealed record ZooKeeperConfig
{
    /// <summary>ZooKeeper's address: empty.</summary>
    [JsonPropertyName("zk")]
    public string Zk { get; init; } = "";

    /// <summary>Not used: 0.</summary>
    [JsonPropertyName("zk_timeout")]
    public long ZkTimeout { get; init; }

    /// <summary>Not used: 0.</summary>
    [JsonPropertyName("zk_session_timeout")]
    public long ZkSessionTimeout { get; init; }

    /// <summary>Not used: 0.</summary>
    [JsonPropertyName("zk_connection_timeout")]
    public long ZkConnectionTimeout { get; init; }

    /// <summary>Not used: 0.</summary>
    [JsonPropertyName("zk_max_versions")]
    public int ZkMaxVersions { get; init; }
}
