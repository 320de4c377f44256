using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// The master's channels in <c>up</c>: plain method calls to the agent that shares its process, HTTP to agents of
/// other processes.
/// </summary>
internal sealed class InProcessAgentChannels(Func<AgentService> agent, IAgentChannelFactory remote) : IAgentChannelFactory
{
    /// <summary>The endpoint the agent in the master's process registers with.</summary>
    public const string Endpoint = "in-process";

    public IAgentChannel Open(string agentId, string endpoint) => endpoint == Endpoint ? agent() : remote.Open(agentId, endpoint);
}
