namespace Mesos.Orleans.Docker.Containers;

/// <summary>Which of a container's output to read (the query of <c>GET /containers/{id}/logs</c>).</summary>
public sealed record ContainerLogsParameters
{
    /// <summary>Whether to include standard output.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary>Whether to include standard error.</summary>
    public bool Stderr { get; init; } = true;

    /// <summary>Whether to keep streaming new output until the container stops (or the caller cancels).</summary>
    public bool Follow { get; init; }

    /// <summary>
    /// Only the last this many lines; null is all of them. The engine counts lines over the whole log (stdout and
    /// stderr together, in the order it logged them, which between the two streams is not the order written) before
    /// <see cref="Stdout"/> and <see cref="Stderr"/> select from them.
    /// </summary>
    public int? Tail { get; init; }

    /// <summary>Whether the engine prefixes each line with its RFC 3339 timestamp and a space.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Only output written at or after this time; null is from the start.</summary>
    public DateTimeOffset? Since { get; init; }
}
