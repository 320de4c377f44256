using System.Text.Json.Serialization;
using Mesos.Orleans.Docker.Json;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>The body of <c>POST /containers/create</c>: what to run and with which host resources.</summary>
public sealed record CreateContainerRequest
{
    /// <summary>The container's name (the <c>name</c> query parameter); null lets the engine pick one.</summary>
    [JsonIgnore]
    public string? Name { get; init; }

    /// <summary>The image to run, e.g. <c>busybox:latest</c>.</summary>
    [JsonPropertyName("Image")]
    public required string Image { get; init; }

    /// <summary>The command (arguments to the entrypoint); null keeps the image's.</summary>
    [JsonPropertyName("Cmd")]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The entrypoint; null keeps the image's.</summary>
    [JsonPropertyName("Entrypoint")]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The environment, as <c>NAME=value</c> entries.</summary>
    [JsonPropertyName("Env")]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The labels.</summary>
    [JsonPropertyName("Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The working directory; null keeps the image's.</summary>
    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    /// <summary>The user to run as (<c>name</c>, <c>uid</c> or <c>uid:gid</c>); null keeps the image's.</summary>
    [JsonPropertyName("User")]
    public string? User { get; init; }

    /// <summary>The ports to expose, as <c>port/protocol</c> (e.g. <c>8080/tcp</c>).</summary>
    [JsonPropertyName("ExposedPorts")]
    [JsonConverter(typeof(PortSetJsonConverter))]
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>Whether to give the container a pseudo-terminal (its logs are then one raw stream).</summary>
    [JsonPropertyName("Tty")]
    public bool Tty { get; init; }

    /// <summary>The signal a stop sends first (default <c>SIGTERM</c>).</summary>
    [JsonPropertyName("StopSignal")]
    public string? StopSignal { get; init; }

    /// <summary>The default grace period of a stop, in seconds, when the stop names none.</summary>
    [JsonPropertyName("StopTimeout")]
    public int? StopTimeout { get; init; }

    /// <summary>The host side: port bindings, resource limits, binds, network.</summary>
    [JsonPropertyName("HostConfig")]
    public HostConfig? HostConfig { get; init; }
}
