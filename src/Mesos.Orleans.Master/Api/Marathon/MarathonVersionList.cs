namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The versions of an app, <c>{"versions": [...]}</c>, newest first.</summary>
internal sealed record MarathonVersionList(IReadOnlyList<DateTimeOffset> Versions);
