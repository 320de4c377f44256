using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Contracts.Grains;

/// <summary>
/// One task (key: its id): how it was launched and its state machine. Status updates are applied once each, in
/// order, durably, before they are acknowledged.
/// </summary>
public interface ITaskGrain : IGrainWithStringKey
{
    /// <summary>Records the launch (TASK_STAGING) durably, before the agent is asked to start it.</summary>
    Task LaunchAsync(TaskLaunch launch, string agentId, string hostname);

    /// <summary>Applies a status update; returns once it is durable (then it may be acknowledged).</summary>
    Task UpdateStatusAsync(TaskStatusUpdate update);

    /// <summary>
    /// Takes in a task an agent reported on registration: its launch is recorded if the master had lost it, then
    /// its latest status is applied.
    /// </summary>
    Task AdoptAsync(TaskReport report, string agentId, string hostname);

    /// <summary>The task as it stands, or null when unknown.</summary>
    Task<TaskSnapshot?> GetAsync();
}
