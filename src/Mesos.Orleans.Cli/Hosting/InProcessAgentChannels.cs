using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>The master's channel to the agent that shares its process in <c>up</c>: plain method calls.</summary>
internal sealed class InProcessAgentChannels(Func<AgentService> agent) : IAgentChannelFactory
{
    public IAgentChannel Open(string agentId, string endpoint) => agent();
}
