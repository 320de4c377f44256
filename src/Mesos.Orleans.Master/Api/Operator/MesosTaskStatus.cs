namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>One status of a task: its state and when, in seconds since the epoch.</summary>
internal sealed record MesosTaskStatus(string State, double Timestamp, bool? Healthy = null);
