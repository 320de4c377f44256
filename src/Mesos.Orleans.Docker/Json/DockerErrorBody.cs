using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Json;

/// <summary>The body of an engine's error answer: <c>{"message": "..."}</c>.</summary>
internal sealed record DockerErrorBody
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
