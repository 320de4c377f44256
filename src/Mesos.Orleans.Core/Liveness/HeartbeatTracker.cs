using System.Runtime.InteropServices;

namespace Mesos.Orleans.Core.Liveness;

/// <summary>
/// Which agents answer, from when each last pinged: an agent silent for longer than <see cref="Timeout"/> is
/// unreachable. Pure bookkeeping — time comes in as values, nothing is stored — so a ping costs a dictionary
/// update, never a write to the store. Not thread-safe: its owner serializes calls.
/// </summary>
public sealed class HeartbeatTracker
{
    private readonly Dictionary<string, Entry> _agents = new(StringComparer.Ordinal);

    /// <summary>Tracks agents that are unreachable once silent for <paramref name="timeout"/>.</summary>
    public HeartbeatTracker(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Timeout = timeout;
    }

    /// <summary>How long an agent may be silent.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many agents are tracked.</summary>
    public int Count => _agents.Count;

    /// <summary>An agent (re-)registered at <paramref name="now"/>: it answers, and its silence counts from now.</summary>
    public void Registered(string agentId, DateTimeOffset now) => _agents[agentId] = new Entry(now, Registered: true);

    /// <summary>
    /// An agent known from before this master started, expected to register again: its silence counts from
    /// <paramref name="now"/>, and its pings do not count until it registers. An agent already tracked is left as it is.
    /// </summary>
    public void Expect(string agentId, DateTimeOffset now) => _agents.TryAdd(agentId, new Entry(now, Registered: false));

    /// <summary>
    /// A ping at <paramref name="now"/>. True when the agent is registered; false asks it to register again (this
    /// master does not know it, or declared it unreachable).
    /// </summary>
    public bool Beat(string agentId, DateTimeOffset now)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_agents, agentId);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry) || !entry.Registered)
        {
            return false;
        }

        if (now > entry.LastSeen)
        {
            entry = entry with { LastSeen = now };
        }

        return true;
    }

    /// <summary>Stops tracking an agent (removed for good).</summary>
    public bool Forget(string agentId) => _agents.Remove(agentId);

    /// <summary>
    /// The agents silent for longer than <see cref="Timeout"/> (and <paramref name="deaf"/>, a time the master could
    /// not hear: <see cref="HearingDelay"/>) at <paramref name="now"/>, each with when it was last heard of. They are no
    /// longer tracked: their next ping is answered with "register again".
    /// </summary>
    public IReadOnlyList<SilentAgent> Sweep(DateTimeOffset now, TimeSpan deaf = default)
    {
        var cutoff = now - Timeout - deaf;
        List<SilentAgent>? silent = null;
        foreach (var (agentId, entry) in _agents)
        {
            if (entry.LastSeen < cutoff)
            {
                (silent ??= []).Add(new SilentAgent(agentId, entry.LastSeen, entry.Registered));
            }
        }

        if (silent is null)
        {
            return [];
        }

        foreach (var agent in silent)
        {
            _agents.Remove(agent.AgentId);
        }

        return silent;
    }

    private readonly record struct Entry(DateTimeOffset LastSeen, bool Registered);
}

/// <summary>An agent that stopped answering.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="LastSeen">When it last registered or pinged (or, if it never registered with this master, when it was expected from).</param>
/// <param name="WasRegistered">False when it never registered again after this master started.</param>
public sealed record SilentAgent(string AgentId, DateTimeOffset LastSeen, bool WasRegistered);
