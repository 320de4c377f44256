namespace Mesos.Orleans.Master.Api.Events;

/// <summary>An event serialized once for every stream: its type and its JSON.</summary>
internal sealed record MarathonEventFrame(string EventType, string Data);
