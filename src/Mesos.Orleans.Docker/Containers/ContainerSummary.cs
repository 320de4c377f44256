using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>A container as <c>GET /containers/json</c> lists it.</summary>
public sealed record ContainerSummary
{
    /// <summary>The container's id.</summary>
    [JsonPropertyName("Id")]
    public string Id { get; init; } = "";

    /// <summary>The container's names, each with a leading <c>/</c>.</summary>
    [JsonPropertyName("Names")]
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>The image as given at create.</summary>
    [JsonPropertyName("Image")]
    public string? Image { get; init; }

    /// <summary>The image's id.</summary>
    [JsonPropertyName("ImageID")]
    public string? ImageId { get; init; }

    /// <summary>The command, joined into one string.</summary>
    [JsonPropertyName("Command")]
    public string? Command { get; init; }

    /// <summary>When the container was created, in seconds since the Unix epoch.</summary>
    [JsonPropertyName("Created")]
    public long Created { get; init; }

    /// <summary>The state: <c>created</c>, <c>running</c>, <c>exited</c>…</summary>
    [JsonPropertyName("State")]
    public string? State { get; init; }

    /// <summary>The human-readable status, e.g. <c>Exited (0) 2 seconds ago</c>.</summary>
    [JsonPropertyName("Status")]
    public string? Status { get; init; }

    /// <summary>The labels.</summary>
    [JsonPropertyName("Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The exposed and published ports.</summary>
    [JsonPropertyName("Ports")]
    public IReadOnlyList<ContainerPort>? Ports { get; init; }
}
