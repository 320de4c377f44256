using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>Why the engine could not wait for a container.</summary>
public sealed record ContainerWaitError
{
    /// <summary>The engine's message.</summary>
    [JsonPropertyName("Message")]
    public string? Message { get; init; }
}
