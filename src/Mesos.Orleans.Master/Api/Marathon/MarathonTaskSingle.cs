namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>One task, <c>{"task": {...}}</c>: what killing one task answers.</summary>
internal sealed record MarathonTaskSingle(MarathonTask Task);
