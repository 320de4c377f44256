namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>event_stream_attached</c>: the first event of every stream.</summary>
internal sealed record EventStreamAttachedEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "event_stream_attached";

    /// <summary>The client's address.</summary>
    public required string RemoteAddress { get; init; }
}
