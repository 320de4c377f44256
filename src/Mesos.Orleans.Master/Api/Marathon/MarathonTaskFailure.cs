namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>How the last failed task of an app ended (Marathon's <c>TaskFailure</c>).</summary>
internal sealed record MarathonTaskFailure
{
    /// <summary>The app.</summary>
    public required string AppId { get; init; }

    /// <summary>The task.</summary>
    public required string TaskId { get; init; }

    /// <summary>Its final state.</summary>
    public required string State { get; init; }

    /// <summary>Why it ended.</summary>
    public required string Message { get; init; }

    /// <summary>The host it ran on, or empty when no longer known.</summary>
    public required string Host { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The app version it ran.</summary>
    public required DateTimeOffset Version { get; init; }

    /// <summary>The agent it ran on, when known.</summary>
    public string? SlaveId { get; init; }
}
