using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// Where <c>up</c>'s master reads tasks' logs: the files of the agent that shares its process directly, the
/// sandboxes of agents of other processes through their endpoints.
/// </summary>
internal sealed class InProcessTaskLogs(Func<AgentService> agent, ITaskLogsFactory remote) : ITaskLogsFactory
{
    public ITaskLogs Open(string agentId, string endpoint) => endpoint == InProcessAgentChannels.Endpoint ? agent() : remote.Open(agentId, endpoint);
}
