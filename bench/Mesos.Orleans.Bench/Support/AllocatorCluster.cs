using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Bench.Support;

/// <summary>
/// An <see cref="OfferAllocator"/> with DRF, filled with identical agents and frameworks as Mesos' allocator
/// benchmarks do, and the ways frameworks answer its offers.
/// </summary>
public sealed class AllocatorCluster
{
    /// <summary>Each agent, as in Mesos' benchmarks.</summary>
    public const string AgentResources = "cpus:2;mem:1024;disk:4096;ports:[31000-32000]";

    private static readonly ResourceSet Task = ResourceSet.Parse("cpus:0.05;mem:16");
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();
    private static readonly IReadOnlyList<string> Containerizers = ["mesos"];

    private readonly List<string> _frameworkIds;

    private AllocatorCluster(OfferAllocator allocator, List<string> frameworkIds, long bytes)
    {
        Allocator = allocator;
        _frameworkIds = frameworkIds;
        ModelBytes = bytes;
    }

    /// <summary>The model.</summary>
    public OfferAllocator Allocator { get; }

    /// <summary>What the model took on the managed heap once built.</summary>
    public long ModelBytes { get; }

    /// <summary>Builds a model of <paramref name="agents"/> free agents and <paramref name="frameworks"/> frameworks.</summary>
    public static AllocatorCluster Build(int agents, int frameworks)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocator = new OfferAllocator(new DrfSorter());
        var frameworkIds = Enumerable.Range(0, frameworks).Select(i => $"framework-{i}").ToList();
        frameworkIds.ForEach(id => allocator.AddFramework(id));
        var total = ResourceSet.Parse(AgentResources);
        for (var i = 0; i < agents; i++)
        {
            var id = $"agent-{i}";
            allocator.AddAgent(new AgentInfo(id, id, total, NoAttributes, Containerizers));
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        return new AllocatorCluster(allocator, frameworkIds, bytes);
    }

    /// <summary>Takes every offer back, so the next cycle finds everything free again.</summary>
    public void RescindAll(IReadOnlyList<Offer> offers)
    {
        foreach (var offer in offers)
        {
            Allocator.Rescind(offer.OfferId);
        }
    }

    /// <summary>Each offer: one small task (and its lowest port) is launched, the rest refused for <paramref name="refuse"/>.</summary>
    public void AcceptOneTaskEach(IReadOnlyList<Offer> offers, DateTimeOffset now, TimeSpan refuse)
    {
        foreach (var offer in offers)
        {
            var port = offer.Resources.Ports.TakeLowest(1);
            var used = port is null ? Task : Task.WithPorts(RangeSet.OfValues(port));
            // The offer's id is unique, so it names its one task.
            Allocator.Accept(offer.OfferId, [new TaskHold(offer.OfferId, offer.FrameworkId, used)], now, refuse);
        }
    }

    /// <summary>Each offer is declined whole, refused for <paramref name="refuse"/>.</summary>
    public void DeclineAll(IReadOnlyList<Offer> offers, DateTimeOffset now, TimeSpan refuse)
    {
        foreach (var offer in offers)
        {
            Allocator.Decline(offer.OfferId, now, refuse);
        }
    }

    /// <summary>Every framework but one in <paramref name="n"/> suppresses offers.</summary>
    public void SuppressAllButOneIn(int n)
    {
        for (var i = 0; i < _frameworkIds.Count; i++)
        {
            if (i % n != 0)
            {
                Allocator.Suppress(_frameworkIds[i]);
            }
        }
    }

    /// <summary>Every framework revives: its filters are forgotten.</summary>
    public void ReviveAll() => _frameworkIds.ForEach(Allocator.Revive);
}
