using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// Decides which client (framework) is offered resources first — and only that: where resources go is the
/// allocator's business (Mesos' sorter/allocator split).
/// </summary>
public interface ISorter
{
    /// <summary>Adds a client with a weight (a heavier client gets a larger fair share).</summary>
    void Add(string client, double weight = 1);

    /// <summary>Removes a client.</summary>
    void Remove(string client);

    /// <summary>True when the client is known.</summary>
    bool Contains(string client);

    /// <summary>
    /// Leaves a client out of the order (it wants no offers, Mesos' deactivate) while it keeps its allocation and
    /// share; a client is active when added.
    /// </summary>
    void Deactivate(string client);

    /// <summary>Puts a deactivated client back in the order.</summary>
    void Activate(string client);

    /// <summary>Records resources given to a client (offered or used).</summary>
    void Allocated(string client, ResourceSet resources);

    /// <summary>Records resources a client gave back.</summary>
    void Unallocated(string client, ResourceSet resources);

    /// <summary>Sets the cluster's total, against which shares are measured.</summary>
    void SetTotal(ResourceSet total);

    /// <summary>The active clients, the one to offer to first first.</summary>
    IEnumerable<string> Sort();

    /// <summary>
    /// The first client in <see cref="Sort"/>'s order that <paramref name="skip"/> does not skip (all of them
    /// when null); null when there is none. The allocator asks this once per agent, so it must not cost a sort,
    /// nor a look at each deactivated client.
    /// </summary>
    string? First(Func<string, bool>? skip = null);

    /// <summary>The client's dominant share divided by its weight.</summary>
    double Share(string client);

    /// <summary>The resources allocated to a client.</summary>
    ResourceSet AllocationOf(string client);
}
