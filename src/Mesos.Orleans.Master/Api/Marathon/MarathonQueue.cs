namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The launch queue, <c>{"queue": [...]}</c>: the apps with instances waiting to launch.</summary>
internal sealed record MarathonQueue(IReadOnlyList<MarathonQueueItem> Queue);
