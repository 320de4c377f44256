using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Contracts.Grains;

/// <summary>
/// The allocator (a singleton, key <see cref="Key"/>): every agent's resources, every framework's share; it runs
/// allocation cycles on events and on an interval and hands out offers in DRF order.
/// </summary>
public interface IAllocatorGrain : IGrainWithStringKey
{
    /// <summary>The allocator's key.</summary>
    public const string Key = "allocator";

    /// <summary>Adds a framework.</summary>
    Task AddFrameworkAsync(string frameworkId, double weight);

    /// <summary>Adds an agent, or takes it back (it registered again), with the tasks it reports running.</summary>
    Task AddAgentAsync(AgentInfo agent, IReadOnlyList<TaskHold> tasks);

    /// <summary>Removes an agent for good.</summary>
    Task RemoveAgentAsync(string agentId);

    /// <summary>Stops offering an unreachable agent.</summary>
    Task DeactivateAgentAsync(string agentId);

    /// <summary>Takes offers: the offers still out are accepted and their ids returned.</summary>
    Task<IReadOnlyList<string>> AcceptAsync(string frameworkId, IReadOnlyList<OfferAcceptance> acceptances);

    /// <summary>Refuses offers for a while.</summary>
    [OneWay]
    Task DeclineAsync(string frameworkId, IReadOnlyList<string> offerIds, TimeSpan refuse);

    /// <summary>The framework wants offers again.</summary>
    [OneWay]
    Task ReviveAsync(string frameworkId);

    /// <summary>The framework wants no offers.</summary>
    [OneWay]
    Task SuppressAsync(string frameworkId);

    /// <summary>An ended task gives back what it held on its agent (once, however often its end is told).</summary>
    [OneWay]
    Task RecoverAsync(string agentId, string taskId);

    /// <summary>The allocator's books, for the API.</summary>
    Task<AllocatorSnapshot> GetSnapshotAsync();
}

/// <summary>An offer taken for tasks, each holding part of it; the rest is refused for <see cref="RefuseRemainder"/>.</summary>
public sealed record OfferAcceptance(string OfferId, IReadOnlyList<TaskHold> Tasks, TimeSpan RefuseRemainder);

/// <summary>The allocator's books: the cluster's totals and each agent's and framework's share.</summary>
public sealed record AllocatorSnapshot(
    ClusterResources Totals,
    IReadOnlyDictionary<string, AgentResourceView> Agents,
    IReadOnlyDictionary<string, double> FrameworkShares,
    int OutstandingOffers);

/// <summary>One agent's resources in the allocator's books.</summary>
public sealed record AgentResourceView(ResourceSet Total, ResourceSet Used, ResourceSet Offered, bool Active);
