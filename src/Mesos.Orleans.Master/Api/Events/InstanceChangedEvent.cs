namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>instance_changed_event</c>: an instance's condition changed.</summary>
internal sealed record InstanceChangedEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "instance_changed_event";

    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Its condition: <c>Scheduled</c>, <c>Staging</c>, <c>Running</c>, <c>Failed</c>….</summary>
    public required string Condition { get; init; }

    /// <summary>Its app.</summary>
    public required string RunSpecId { get; init; }

    /// <summary>The agent it runs on, once placed.</summary>
    public string? AgentId { get; init; }

    /// <summary>The host it runs on, once placed.</summary>
    public string? Host { get; init; }

    /// <summary>The app version it runs, when known.</summary>
    public DateTimeOffset? RunSpecVersion { get; init; }
}
