using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>The allocator's book of one framework: whether it wants offers, and the offers it refused.</summary>
internal sealed class FrameworkSlot(string id)
{
    public string Id { get; } = id;

    public bool Suppressed { get; set; }

    /// <summary>Per agent, the resources refused and until when (Mesos' offer filter).</summary>
    public Dictionary<string, (ResourceSet Refused, DateTimeOffset Until)> Filters { get; } = new(StringComparer.Ordinal);

    public HashSet<string> OfferIds { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the framework refused these resources on this agent and the refusal still holds: it has not
    /// expired, and the agent has nothing the refused offer lacked.
    /// </summary>
    public bool IsFiltered(string agentId, ResourceSet available, DateTimeOffset now)
    {
        if (!Filters.TryGetValue(agentId, out var filter))
        {
            return false;
        }

        if (filter.Until <= now)
        {
            Filters.Remove(agentId);
            return false;
        }

        return filter.Refused.Contains(available);
    }
}
