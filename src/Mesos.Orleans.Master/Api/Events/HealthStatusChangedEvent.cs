namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>health_status_changed_event</c>: an instance became healthy or unhealthy.</summary>
internal sealed record HealthStatusChangedEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "health_status_changed_event";

    /// <summary>The instance's app.</summary>
    public required string AppId { get; init; }

    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The app version it runs, when known.</summary>
    public DateTimeOffset? Version { get; init; }

    /// <summary>True when its health checks pass.</summary>
    public required bool Alive { get; init; }
}
