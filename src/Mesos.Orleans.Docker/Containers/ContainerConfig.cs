using System.Text.Json.Serialization;
using Mesos.Orleans.Docker.Json;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>The configuration of a container (or an image's defaults) as the engine reports it on inspect.</summary>
public sealed record ContainerConfig
{
    /// <summary>The image the container was created from, as given at create.</summary>
    [JsonPropertyName("Image")]
    public string? Image { get; init; }

    /// <summary>The command (arguments to the entrypoint).</summary>
    [JsonPropertyName("Cmd")]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The entrypoint.</summary>
    [JsonPropertyName("Entrypoint")]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The environment, as <c>NAME=value</c> entries.</summary>
    [JsonPropertyName("Env")]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The labels.</summary>
    [JsonPropertyName("Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The working directory.</summary>
    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    /// <summary>The user the command runs as.</summary>
    [JsonPropertyName("User")]
    public string? User { get; init; }

    /// <summary>The exposed ports, as <c>port/protocol</c> (e.g. <c>8080/tcp</c>).</summary>
    [JsonPropertyName("ExposedPorts")]
    [JsonConverter(typeof(PortSetJsonConverter))]
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>Whether the container has a pseudo-terminal (then its logs are not multiplexed).</summary>
    [JsonPropertyName("Tty")]
    public bool Tty { get; init; }

    /// <summary>The signal a stop sends first.</summary>
    [JsonPropertyName("StopSignal")]
    public string? StopSignal { get; init; }

    /// <summary>The container's host name.</summary>
    [JsonPropertyName("Hostname")]
    public string? Hostname { get; init; }
}
