using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Images;

/// <summary>
/// One line of the engine's progress stream of a pull or import, e.g. <c>{"status":"Downloading","id":"a3ed95caeb02",
/// "progressDetail":{"current":1024,"total":4096}}</c>. A line with <see cref="ErrorDetail"/> ends the stream with a
/// failure.
/// </summary>
public sealed record ImagePullProgress
{
    /// <summary>What is happening, e.g. <c>Pulling fs layer</c>, <c>Download complete</c>, <c>Pull complete</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The layer (or tag) the line is about.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The engine's rendered progress bar, for display only.</summary>
    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    /// <summary>Bytes done and total of the layer's current step.</summary>
    [JsonPropertyName("progressDetail")]
    public ImageProgressDetail? ProgressDetail { get; init; }

    /// <summary>The error that ended the operation, when it failed.</summary>
    [JsonPropertyName("errorDetail")]
    public StreamErrorDetail? ErrorDetail { get; init; }

    /// <summary>The error message that ended the operation (older form of <see cref="ErrorDetail"/>).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
