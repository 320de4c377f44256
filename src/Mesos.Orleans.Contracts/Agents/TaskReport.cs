namespace Mesos.Orleans.Contracts.Agents;

/// <summary>A task an agent holds, reported on (re-)registration: how it was launched and where it stands.</summary>
public sealed record TaskReport(TaskLaunch Launch, TaskStatusUpdate Status);
