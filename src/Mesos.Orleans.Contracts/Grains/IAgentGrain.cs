using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Contracts.Grains;

/// <summary>
/// One agent (key: its id): its registration, its liveness and the tasks on it. Launches and kills go through it
/// to the agent process.
/// </summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Registers or re-registers the agent with its running tasks.</summary>
    Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request);

    /// <summary>
    /// Records durably that these tasks are being launched on the agent, before anything else hears of them: a
    /// task the agent then fails to report when it registers again is known to be lost.
    /// </summary>
    Task PrepareLaunchAsync(IReadOnlyList<TaskLaunch> tasks);

    /// <summary>Starts tasks on the agent (after <see cref="PrepareLaunchAsync"/>).</summary>
    [OneWay]
    Task LaunchAsync(IReadOnlyList<TaskLaunch> tasks);

    /// <summary>Stops a task on the agent.</summary>
    [OneWay]
    Task KillTaskAsync(string taskId, double gracePeriodSeconds);

    /// <summary>A task on the agent ended.</summary>
    [OneWay]
    Task OnTaskEndedAsync(string taskId);

    /// <summary>The agent as it stands, or null when unknown.</summary>
    Task<AgentSnapshot?> GetAsync();
}
