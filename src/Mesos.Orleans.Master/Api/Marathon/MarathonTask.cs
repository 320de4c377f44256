namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>A task as <c>/v2</c> shows it (Marathon's <c>Task</c>).</summary>
internal sealed record MarathonTask
{
    /// <summary>The task's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its app (<c>/team/web</c>).</summary>
    public required string AppId { get; init; }

    /// <summary>The host it runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Its host ports.</summary>
    public required IReadOnlyList<long> Ports { get; init; }

    /// <summary>The agent it runs on.</summary>
    public string? SlaveId { get; init; }

    /// <summary>Its state, <c>TASK_RUNNING</c>….</summary>
    public required string State { get; init; }

    /// <summary>When it was launched.</summary>
    public DateTimeOffset? StagedAt { get; init; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The app version it runs.</summary>
    public DateTimeOffset? Version { get; init; }

    /// <summary>Its health, when it has health checks.</summary>
    public IReadOnlyList<MarathonHealth>? HealthCheckResults { get; init; }

    /// <summary>The role its resources are allocated to.</summary>
    public string Role { get; init; } = "*";
}
