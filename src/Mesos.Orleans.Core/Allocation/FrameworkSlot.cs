namespace Mesos.Orleans.Core.Allocation;

/// <summary>The allocator's book of one framework: whether it wants offers, and where it refused some.</summary>
internal sealed class FrameworkSlot(string id)
{
    public string Id { get; } = id;

    public bool Suppressed { get; set; }

    /// <summary>The agents holding a filter of this framework (the filters live on the agents), so a revive finds them.</summary>
    public HashSet<AgentSlot> FilteredAgents { get; } = [];

    /// <summary>Forgets every filter of this framework.</summary>
    public void ClearFilters()
    {
        foreach (var agent in FilteredAgents)
        {
            agent.Filters!.Remove(Id);
        }

        FilteredAgents.Clear();
    }
}
