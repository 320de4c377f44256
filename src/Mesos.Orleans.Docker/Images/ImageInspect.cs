using System.Text.Json.Serialization;
using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Docker.Images;

/// <summary>An image as <c>GET /images/{name}/json</c> describes it.</summary>
public sealed record ImageInspect
{
    /// <summary>The image id (<c>sha256:…</c>).</summary>
    [JsonPropertyName("Id")]
    public string Id { get; init; } = "";

    /// <summary>The <c>repository:tag</c> names of the image.</summary>
    [JsonPropertyName("RepoTags")]
    public IReadOnlyList<string>? RepoTags { get; init; }

    /// <summary>The <c>repository@digest</c> names of the image (empty for a local import).</summary>
    [JsonPropertyName("RepoDigests")]
    public IReadOnlyList<string>? RepoDigests { get; init; }

    /// <summary>When the image was created.</summary>
    [JsonPropertyName("Created")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>The image's size in bytes.</summary>
    [JsonPropertyName("Size")]
    public long Size { get; init; }

    /// <summary>The image's operating system.</summary>
    [JsonPropertyName("Os")]
    public string? Os { get; init; }

    /// <summary>The image's architecture.</summary>
    [JsonPropertyName("Architecture")]
    public string? Architecture { get; init; }

    /// <summary>The defaults a container of the image starts with (command, env, working dir…).</summary>
    [JsonPropertyName("Config")]
    public ContainerConfig? Config { get; init; }
}
