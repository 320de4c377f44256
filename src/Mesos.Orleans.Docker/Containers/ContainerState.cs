using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>The process state of a container.</summary>
public sealed record ContainerState
{
    /// <summary>One of <c>created</c>, <c>running</c>, <c>paused</c>, <c>restarting</c>, <c>removing</c>, <c>exited</c>, <c>dead</c>.</summary>
    [JsonPropertyName("Status")]
    public string Status { get; init; } = "";

    /// <summary>Whether the container's process runs.</summary>
    [JsonPropertyName("Running")]
    public bool Running { get; init; }

    /// <summary>Whether the container is paused.</summary>
    [JsonPropertyName("Paused")]
    public bool Paused { get; init; }

    /// <summary>Whether the engine is restarting the container.</summary>
    [JsonPropertyName("Restarting")]
    public bool Restarting { get; init; }

    /// <summary>Whether the kernel's OOM killer killed a process of the container.</summary>
    [JsonPropertyName("OOMKilled")]
    public bool OomKilled { get; init; }

    /// <summary>Whether the container is dead (partly removed).</summary>
    [JsonPropertyName("Dead")]
    public bool Dead { get; init; }

    /// <summary>The host PID of the container's main process, 0 when it does not run.</summary>
    [JsonPropertyName("Pid")]
    public int Pid { get; init; }

    /// <summary>The exit code of the last run (128 + signal when killed by one).</summary>
    [JsonPropertyName("ExitCode")]
    public int ExitCode { get; init; }

    /// <summary>Why the engine could not run the container (e.g. the command does not exist); empty otherwise.</summary>
    [JsonPropertyName("Error")]
    public string? Error { get; init; }

    /// <summary>When the last run started (0001-01-01 when it never did).</summary>
    [JsonPropertyName("StartedAt")]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the last run finished (0001-01-01 when it has not).</summary>
    [JsonPropertyName("FinishedAt")]
    public DateTimeOffset FinishedAt { get; init; }
}
