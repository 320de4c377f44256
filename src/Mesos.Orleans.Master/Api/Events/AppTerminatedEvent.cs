namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>app_terminated_event</c>: a deleted app's last instance is gone.</summary>
internal sealed record AppTerminatedEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "app_terminated_event";

    /// <summary>The app.</summary>
    public required string AppId { get; init; }
}
