using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Engine;

/// <summary>The engine's answer to <c>GET /version</c>: its release and the API versions it speaks.</summary>
public sealed record SystemVersion
{
    /// <summary>The engine's release, e.g. <c>20.10.24</c>.</summary>
    [JsonPropertyName("Version")]
    public string Version { get; init; } = "";

    /// <summary>The newest API version the engine speaks, e.g. <c>1.41</c>.</summary>
    [JsonPropertyName("ApiVersion")]
    public string ApiVersion { get; init; } = "";

    /// <summary>The oldest API version the engine speaks.</summary>
    [JsonPropertyName("MinAPIVersion")]
    public string? MinApiVersion { get; init; }

    /// <summary>The engine's operating system, e.g. <c>linux</c>.</summary>
    [JsonPropertyName("Os")]
    public string? Os { get; init; }

    /// <summary>The engine's architecture, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("Arch")]
    public string? Arch { get; init; }

    /// <summary>The kernel the engine runs on.</summary>
    [JsonPropertyName("KernelVersion")]
    public string? KernelVersion { get; init; }
}
