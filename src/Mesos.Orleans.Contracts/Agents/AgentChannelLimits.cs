namespace Mesos.Orleans.Contracts.Agents;

/// <summary>Limits both ends of the HTTP agent channel keep.</summary>
public static class AgentChannelLimits
{
    /// <summary>
    /// The most connections kept to one address; further calls wait for one. A real agent is alone at its address;
    /// the cap is for many agents behind one (<c>agent --simulate</c>), whose bursts otherwise overflowed a listen backlog.
    /// </summary>
    public const int MaxConnectionsPerAddress = 256;
}
