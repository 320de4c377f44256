namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>status_update_event</c>: a task changed state.</summary>
internal sealed record StatusUpdateEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "status_update_event";

    /// <summary>The agent the task runs on.</summary>
    public required string SlaveId { get; init; }

    /// <summary>The task.</summary>
    public required string TaskId { get; init; }

    /// <summary>Its new state, <c>TASK_RUNNING</c>….</summary>
    public required string TaskStatus { get; init; }

    /// <summary>The status message (empty when none).</summary>
    public required string Message { get; init; }

    /// <summary>The task's app.</summary>
    public required string AppId { get; init; }

    /// <summary>The host it runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Its IP addresses: none reported here.</summary>
    public IReadOnlyList<object> IpAddresses { get; init; } = [];

    /// <summary>Its host ports.</summary>
    public required IReadOnlyList<long> Ports { get; init; }

    /// <summary>The app version it runs, when known.</summary>
    public DateTimeOffset? Version { get; init; }
}
