using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// The allocator's book of one agent: its total, what each task holds (and each framework, summed), what is out in
/// offers, what is left, and the filters frameworks hold on it. Tasks are booked by id, so a task booked twice (it
/// was accepted, then reported by its agent) or given back twice (a resent end) counts once.
/// </summary>
/// <remarks>
/// <see cref="Available"/> is kept as the rest changes, since a cycle reads it for every agent; the collections are
/// made on first use, since most agents never need most of them (50,000 agents × a few empty dictionaries adds up).
/// </remarks>
internal sealed class AgentSlot(AgentInfo info)
{
    public AgentInfo Info { get; } = info;

    public bool Active { get; set; } = true;

    public ResourceSet Used { get; private set; } = ResourceSet.Empty;

    public ResourceSet Offered { get; private set; } = ResourceSet.Empty;

    /// <summary>What is neither used nor offered: total − used − offered.</summary>
    public ResourceSet Available { get; private set; } = info.Total;

    /// <summary>What each task holds here, by task id; null while none does.</summary>
    public Dictionary<string, TaskHold>? Tasks { get; private set; }

    /// <summary>What each framework's tasks use here (the sum of their holds); null while none does.</summary>
    public Dictionary<string, ResourceSet>? UsedByFramework { get; private set; }

    /// <summary>The offers of this agent not yet answered; null until the first.</summary>
    public List<Offer>? Offers { get; private set; }

    /// <summary>The filters frameworks hold on this agent, by framework id; null until the first.</summary>
    public Dictionary<string, OfferFilter>? Filters { get; private set; }

    public bool HasFilters => Filters is { Count: > 0 };

    /// <summary>Books what a task holds here; false (and nothing booked) when the task is booked already.</summary>
    public bool Hold(TaskHold task)
    {
        if (!(Tasks ??= new(StringComparer.Ordinal)).TryAdd(task.TaskId, task))
        {
            return false;
        }

        Used += task.Resources;
        UsedByFramework ??= new(StringComparer.Ordinal);
        UsedByFramework[task.FrameworkId] = UsedByFramework.GetValueOrDefault(task.FrameworkId, ResourceSet.Empty) + task.Resources;
        Available = Rest();
        return true;
    }

    /// <summary>Gives back what a task held; null when it holds nothing here (never booked, or given back already).</summary>
    public TaskHold? Release(string taskId)
    {
        if (Tasks is null || !Tasks.Remove(taskId, out var task))
        {
            return null;
        }

        // A framework's sum is dropped once it is empty, though a task holding nothing may still be booked.
        UsedByFramework ??= new(StringComparer.Ordinal);
        var left = UsedByFramework.GetValueOrDefault(task.FrameworkId, ResourceSet.Empty) - task.Resources;
        if (left.IsEmpty)
        {
            UsedByFramework.Remove(task.FrameworkId);
        }
        else
        {
            UsedByFramework[task.FrameworkId] = left;
        }

        Used -= task.Resources;
        Available = Rest();
        return task;
    }

    public void AddOffer(Offer offer)
    {
        var resources = offer.Resources;
        Offered = Offered.IsEmpty ? resources : Offered + resources;
        (Offers ??= []).Add(offer);
        // An offer of everything there is (the allocator's only kind) leaves nothing, without arithmetic.
        Available = ReferenceEquals(resources, Available) ? ResourceSet.Empty : Rest();
    }

    public void RemoveOffer(Offer offer)
    {
        Offered -= offer.Resources;
        Offers!.RemoveAt(Offers.FindIndex(o => ReferenceEquals(o, offer)));
        Available = Rest();
    }

    /// <summary>Records that a framework refuses <paramref name="refused"/> here until <paramref name="until"/>.</summary>
    public void Filter(FrameworkSlot framework, ResourceSet refused, DateTimeOffset until)
    {
        (Filters ??= new(StringComparer.Ordinal))[framework.Id] = new OfferFilter(framework, refused, until);
        framework.FilteredAgents.Add(this);
    }

    /// <summary>
    /// True when the framework refused resources here and the refusal still holds: it has not expired, and this
    /// agent has nothing the refused offer lacked. An expired filter is forgotten.
    /// </summary>
    public bool IsFiltered(string frameworkId, DateTimeOffset now)
    {
        if (Filters is null || !Filters.TryGetValue(frameworkId, out var filter))
        {
            return false;
        }

        if (filter.Until <= now)
        {
            Filters.Remove(frameworkId);
            filter.Framework.FilteredAgents.Remove(this);
            return false;
        }

        return filter.Refused.Contains(Available);
    }

    /// <summary>Forgets every filter held on this agent.</summary>
    public void ClearFilters()
    {
        foreach (var filter in Filters?.Values ?? Enumerable.Empty<OfferFilter>())
        {
            filter.Framework.FilteredAgents.Remove(this);
        }

        Filters = null;
    }

    private ResourceSet Rest()
    {
        var free = Used.IsEmpty ? Info.Total : Info.Total - Used;
        return Offered.IsEmpty ? free : free - Offered;
    }
}
