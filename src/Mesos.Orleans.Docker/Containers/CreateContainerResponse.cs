using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>The engine's answer to a create: the new container's id and any warnings.</summary>
public sealed record CreateContainerResponse
{
    /// <summary>The container's id.</summary>
    [JsonPropertyName("Id")]
    public string Id { get; init; } = "";

    /// <summary>Warnings about the configuration (e.g. a limit the kernel cannot enforce).</summary>
    [JsonPropertyName("Warnings")]
    public IReadOnlyList<string>? Warnings { get; init; }
}
