using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>Something mounted into a container, as inspect reports it.</summary>
public sealed record MountPoint
{
    /// <summary><c>bind</c>, <c>volume</c> or <c>tmpfs</c>.</summary>
    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    /// <summary>The volume's name (for a volume).</summary>
    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    /// <summary>The host path.</summary>
    [JsonPropertyName("Source")]
    public string? Source { get; init; }

    /// <summary>The path inside the container.</summary>
    [JsonPropertyName("Destination")]
    public string? Destination { get; init; }

    /// <summary>The mode as given, e.g. <c>ro</c>.</summary>
    [JsonPropertyName("Mode")]
    public string? Mode { get; init; }

    /// <summary>Whether the container may write to it.</summary>
    [JsonPropertyName("RW")]
    public bool ReadWrite { get; init; }
}
