namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>A list of tasks: <c>{"tasks": […]}</c>.</summary>
internal sealed record MarathonTaskList(IReadOnlyList<MarathonTask> Tasks);
