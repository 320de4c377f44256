using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Images;

/// <summary>The <c>errorDetail</c> of a progress stream line: the failure that ended a pull or import.</summary>
public sealed record StreamErrorDetail
{
    /// <summary>An error code, when the engine gives one.</summary>
    [JsonPropertyName("code")]
    public int? Code { get; init; }

    /// <summary>The error message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
