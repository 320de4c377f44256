using System.Text.Json;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>api_post_event</c>: a request through the API created, changed or deleted an app.</summary>
internal sealed record ApiPostEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "api_post_event";

    /// <summary>The client's address.</summary>
    public required string ClientIp { get; init; }

    /// <summary>The request's path.</summary>
    public required string Uri { get; init; }

    /// <summary>The app's definition (Marathon's app JSON) after the request, or before it for a delete.</summary>
    public required IReadOnlyDictionary<string, JsonElement> AppDefinition { get; init; }
}
