using System.Globalization;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Events;

/// <summary>
/// One event of <c>GET /events</c>, e.g. a container's <c>start</c>, <c>die</c> (with an <c>exitCode</c>
/// attribute), <c>oom</c>, <c>kill</c> (with a <c>signal</c> attribute) or <c>destroy</c>.
/// </summary>
public sealed record DockerEvent
{
    /// <summary>What the event is about: <c>container</c>, <c>image</c>, <c>network</c>, <c>volume</c>, <c>daemon</c>…</summary>
    [JsonPropertyName("Type")]
    public string Type { get; init; } = "";

    /// <summary>What happened, e.g. <c>create</c>, <c>start</c>, <c>die</c>, <c>oom</c>, <c>kill</c>, <c>stop</c>, <c>destroy</c>.</summary>
    [JsonPropertyName("Action")]
    public string Action { get; init; } = "";

    /// <summary>The object the event is about.</summary>
    [JsonPropertyName("Actor")]
    public EventActor Actor { get; init; } = new();

    /// <summary><c>local</c> or <c>swarm</c>.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    /// <summary>When it happened, in seconds since the Unix epoch.</summary>
    [JsonPropertyName("time")]
    public long TimeSeconds { get; init; }

    /// <summary>When it happened, in nanoseconds since the Unix epoch.</summary>
    [JsonPropertyName("timeNano")]
    public long TimeNano { get; init; }

    /// <summary>When it happened (to the 100 ns tick).</summary>
    [JsonIgnore]
    public DateTimeOffset Time => TimeNano > 0
        ? DateTimeOffset.UnixEpoch.AddTicks(TimeNano / 100)
        : DateTimeOffset.FromUnixTimeSeconds(TimeSeconds);

    /// <summary>The container's exit code of a <c>die</c> event (its <c>exitCode</c> attribute), otherwise null.</summary>
    [JsonIgnore]
    public int? ExitCode =>
        Actor.Attributes is { } a && a.TryGetValue("exitCode", out var code)
        && int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>The <c>name</c> attribute: the container's (or image's, network's…) name, when given.</summary>
    [JsonIgnore]
    public string? Name => Actor.Attributes is { } a && a.TryGetValue("name", out var name) ? name : null;
}
