using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>The engine's answer to <c>POST /containers/{id}/wait</c>: how the container exited.</summary>
public sealed record ContainerWaitResponse
{
    /// <summary>The container's exit code.</summary>
    [JsonPropertyName("StatusCode")]
    public long StatusCode { get; init; }

    /// <summary>Why waiting failed, when it did.</summary>
    [JsonPropertyName("Error")]
    public ContainerWaitError? Error { get; init; }
}
