namespace Mesos.Orleans.Master.Api.Events;

/// <summary>An event of Marathon's event bus, as <c>/v2/events</c> streams it.</summary>
internal abstract record MarathonEvent
{
    /// <summary>The event's type: <c>status_update_event</c>…; also the SSE event's name.</summary>
    public abstract string EventType { get; }

    /// <summary>When the master published it.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
