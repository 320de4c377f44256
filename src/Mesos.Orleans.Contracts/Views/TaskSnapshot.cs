using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Contracts.Views;

/// <summary>A task as its grain holds it: how it was launched, where, and its latest state.</summary>
public sealed record TaskSnapshot(
    TaskLaunch Launch,
    string AgentId,
    string Hostname,
    TaskState State,
    DateTimeOffset StagedAt,
    DateTimeOffset? StartedAt,
    TaskStatusUpdate? LastStatus);
