using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container as <c>GET /containers/{id}/json</c> describes it.</summary>
public sealed record ContainerInspect
{
    /// <summary>The container's id.</summary>
    [JsonPropertyName("Id")]
    public string Id { get; init; } = "";

    /// <summary>The container's name, with the engine's leading <c>/</c>.</summary>
    [JsonPropertyName("Name")]
    public string Name { get; init; } = "";

    /// <summary>When the container was created.</summary>
    [JsonPropertyName("Created")]
    public DateTimeOffset Created { get; init; }

    /// <summary>The id of the image the container runs.</summary>
    [JsonPropertyName("Image")]
    public string Image { get; init; } = "";

    /// <summary>How many times the engine restarted the container.</summary>
    [JsonPropertyName("RestartCount")]
    public int RestartCount { get; init; }

    /// <summary>The container's process state.</summary>
    [JsonPropertyName("State")]
    public ContainerState State { get; init; } = new();

    /// <summary>The container's configuration.</summary>
    [JsonPropertyName("Config")]
    public ContainerConfig Config { get; init; } = new();

    /// <summary>The container's host configuration.</summary>
    [JsonPropertyName("HostConfig")]
    public HostConfig HostConfig { get; init; } = new();

    /// <summary>The container's networking: published ports and addresses.</summary>
    [JsonPropertyName("NetworkSettings")]
    public NetworkSettings NetworkSettings { get; init; } = new();

    /// <summary>What is mounted into the container.</summary>
    [JsonPropertyName("Mounts")]
    public IReadOnlyList<MountPoint>? Mounts { get; init; }
}
