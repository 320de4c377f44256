using System.Collections.Concurrent;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Agent.Simulation;

/// <summary>
/// Many <see cref="SimulatedAgent"/>s behind one master: it is the master's <see cref="IAgentChannelFactory"/> (an
/// agent's endpoint names it), registers them, and pings for them as their own loops would — each agent once per
/// heartbeat interval, spread evenly over it, from one loop rather than a timer per agent. The master it talks to
/// can be replaced (a restarted master), as agents follow a new leader.
/// </summary>
public sealed class SimulatedFleet(TimeProvider time) : IAgentChannelFactory, IMasterChannel
{
    private readonly ConcurrentDictionary<string, SimulatedAgent> _byEndpoint = new(StringComparer.Ordinal);
    private readonly List<SimulatedAgent> _agents = [];
    private volatile IMasterChannel? _master;

    /// <summary>The master the agents talk to; set it (again) before they register.</summary>
    public IMasterChannel Master
    {
        get => _master ?? throw new InvalidOperationException("the fleet has no master yet");
        set => _master = value;
    }

    /// <summary>Every agent, in the order they were added.</summary>
    public IReadOnlyList<SimulatedAgent> Agents => _agents;

    /// <summary>Adds <paramref name="count"/> agents named <c>{prefix}-{i}</c> offering <paramref name="resources"/>; they are not registered yet.</summary>
    public IReadOnlyList<SimulatedAgent> Add(int count, string prefix, ResourceSet resources)
    {
        var added = new List<SimulatedAgent>(count);
        for (var i = 0; i < count; i++)
        {
            var agent = new SimulatedAgent(this, $"{prefix}-{_agents.Count}", resources, time);
            _byEndpoint["simulated://" + agent.Hostname] = agent;
            _agents.Add(agent);
            added.Add(agent);
        }

        return added;
    }

    /// <summary>
    /// (Re-)registers every living agent, at most <paramref name="concurrency"/> at a time — but for those that
    /// registered at or after <paramref name="unlessSince"/> when it is given: a real agent registers once with a new
    /// master, whether its ping or its master detector told it of the master first.
    /// </summary>
    public Task RegisterAllAsync(int concurrency, CancellationToken cancellationToken, DateTimeOffset? unlessSince = null) =>
        Parallel.ForEachAsync(
            _agents.Where(a => !a.IsDead && !(a.RegisteredAt >= unlessSince)),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (agent, ct) => await agent.RegisterAsync(ct));

    /// <summary>
    /// Pings for every agent once per <paramref name="interval"/> until cancelled, spread over it in slices every
    /// <paramref name="tick"/> (<see cref="SimulatedHeartbeats"/>).
    /// </summary>
    public Task RunHeartbeatsAsync(TimeSpan interval, TimeSpan tick, CancellationToken cancellationToken) =>
        SimulatedHeartbeats.RunAsync(_agents, () => interval, tick, time, cancellationToken);

    /// <inheritdoc />
    public IAgentChannel Open(string agentId, string endpoint) =>
        _byEndpoint.TryGetValue(endpoint, out var agent) ? agent : throw new InvalidOperationException($"no simulated agent at {endpoint}");

    /// <inheritdoc />
    public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken) =>
        Master.RegisterAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
        Master.HeartbeatAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken) =>
        Master.SendStatusUpdatesAsync(batch, cancellationToken);
}
