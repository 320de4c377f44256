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
    /// The agent has been silent since <paramref name="lastSeen"/>: it stops being offered and its tasks go
    /// TASK_UNREACHABLE. Ignored when the agent registered again after <paramref name="lastSeen"/>.
    /// </summary>
    [OneWay]
    Task MarkUnreachableAsync(DateTimeOffset lastSeen);

    /// <summary>
    /// Gives up on a task of the unreachable agent (its app replaced it and forgot it): the task is TASK_GONE, and
    /// should the agent come back with it, the agent is told to kill it.
    /// </summary>
    [OneWay]
    Task ExpungeTaskAsync(string taskId);

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
