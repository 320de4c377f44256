using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Allocation;

public class OfferAllocatorTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static OfferAllocator Allocator(string[] frameworks, params AgentInfo[] agents)
    {
        var allocator = new OfferAllocator(new DrfSorter());
        foreach (var framework in frameworks)
        {
            allocator.AddFramework(framework);
        }

        foreach (var agent in agents)
        {
            allocator.AddAgent(agent);
        }

        return allocator;
    }

    private static OfferAllocator OneAgent(string resources = DefaultResources, params string[] frameworks) =>
        Allocator(frameworks.Length == 0 ? ["f1"] : frameworks, Agent("a1", resources));

    private static Offer SingleOffer(OfferAllocator allocator, DateTimeOffset now) => Assert.Single(allocator.Allocate(now));

    private static void AssertNoOffer(OfferAllocator allocator, DateTimeOffset now) => Assert.Empty(allocator.Allocate(now));

    // One task, t1 unless named, holding `resources`: what an acceptance books.
    private static TaskHold[] One(ResourceSet resources, string id = "t1") => [new TaskHold(id, "f1", resources)];

    // One cycle, every offer accepted with one task of `task`, named t-{agent}.
    private static void AcceptAll(OfferAllocator allocator, ResourceSet task)
    {
        foreach (var offer in allocator.Allocate(T0))
        {
            Assert.True(allocator.Accept(offer.OfferId, One(task, $"t-{offer.AgentId}"), T0));
        }
    }

    [Fact]
    public void Allocate_OffersEachAgentWholeToTheLowestShareFramework()
    {
        var allocator = Allocator(["f1", "f2"], Agent("a1"), Agent("a2"));

        var offers = allocator.Allocate(T0);

        Assert.Equal(2, offers.Count);
        Assert.Equal(["f1", "f2"], offers.Select(o => o.FrameworkId).Order(StringComparer.Ordinal));
        Assert.Equal(["a1", "a2"], offers.Select(o => o.AgentId).Order(StringComparer.Ordinal));
        Assert.All(offers, o => Assert.Equal(R(DefaultResources), o.Resources));
        Assert.Equal(offers.Select(o => o.OfferId).Order(StringComparer.Ordinal), allocator.OutstandingOffers.Select(o => o.OfferId).Order(StringComparer.Ordinal));
        Assert.Equal(Scalars("cpus:8;mem:8192;disk:2000"), allocator.Totals.Offered);
    }

    [Fact]
    public void Allocate_OfferCarriesTheAgentsDescription()
    {
        var agent = Agent("a1", "cpus:2;mem:512", "docker", "mesos") with { Attributes = new Dictionary<string, string> { ["rack"] = "r1" } };
        var allocator = Allocator(["f1"], agent);

        var offer = SingleOffer(allocator, T0);

        Assert.Equal(("a1", "a1.example", "f1"), (offer.AgentId, offer.Hostname, offer.FrameworkId));
        Assert.Equal(["docker", "mesos"], offer.Containerizers);
        Assert.Equal("r1", offer.Attributes["rack"]);
        Assert.StartsWith("O", offer.OfferId, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_OfferIds_AreUniqueAndPrefixed()
    {
        var allocator = new OfferAllocator(new DrfSorter()) { OfferIdPrefix = "run7-" };
        allocator.AddFramework("f1");
        allocator.AddAgent(Agent("a1"));
        var ids = new List<string>();

        for (int i = 0; i < 5; i++)
        {
            var offer = SingleOffer(allocator, T0);
            ids.Add(offer.OfferId);
            allocator.Rescind(offer.OfferId);
        }

        Assert.Equal(5, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("run7-", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_OfferedResourcesAreNotOfferedAgain()
    {
        var allocator = OneAgent();
        SingleOffer(allocator, T0);

        AssertNoOffer(allocator, T0);
        AssertNoOffer(allocator, At(3600));
        Assert.Equal(0, allocator.OfferableAgentCount);
    }

    [Fact]
    public void Allocate_GoesToTheFrameworkWithTheLowestShare()
    {
        var allocator = Allocator(["f1", "f2"]);
        allocator.AddAgent(Agent("a1", "cpus:8;mem:8192"), [new TaskHold("t1", "f1", R("cpus:8;mem:8192"))]);
        allocator.AddAgent(Agent("a2", "cpus:8;mem:8192"));

        var offer = SingleOffer(allocator, T0);

        Assert.Equal(("a2", "f2"), (offer.AgentId, offer.FrameworkId));
        Assert.Equal(0.5, allocator.ShareOf("f1"));
        Assert.Equal(0.5, allocator.ShareOf("f2"));
    }

    [Fact]
    public void Allocate_SkipsAgentsWithTooLittleToOffer()
    {
        var allocator = Allocator(["f1"], Agent("tiny", "cpus:0.005;mem:16"), Agent("cpu-only", "cpus:0.01"), Agent("mem-only", "mem:32"));

        Assert.Equal(["cpu-only", "mem-only"], allocator.Allocate(T0).Select(o => o.AgentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Allocate_HonoursCustomMinimums()
    {
        var allocator = new OfferAllocator(new DrfSorter(), new AllocatorOptions { MinOfferCpus = 1, MinOfferMem = 1024 });
        allocator.AddFramework("f1");
        allocator.AddAgent(Agent("small", "cpus:0.5;mem:512"));
        allocator.AddAgent(Agent("big", "cpus:1;mem:64"));

        Assert.Equal("big", SingleOffer(allocator, T0).AgentId);
    }

    [Fact]
    public void Allocate_WithoutFrameworks_OffersNothing() =>
        AssertNoOffer(Allocator([], Agent("a1")), T0);

    [Fact]
    public void Accept_MovesTheUsedPartToUsedAndReturnsTheRemainder()
    {
        var allocator = OneAgent();
        var offer = SingleOffer(allocator, T0);
        var task = R("cpus:1;mem:512;ports:[31000-31000]");

        Assert.True(allocator.Accept(offer.OfferId, One(task), T0));

        Assert.Equal(task.WithoutPorts(), allocator.Totals.Used);
        Assert.Equal(R(""), allocator.Totals.Offered);
        Assert.Equal(task, allocator.AgentResources("a1")!.Value.Used);
        Assert.Empty(allocator.OutstandingOffers);
        Assert.Equal(R(DefaultResources) - task, SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void Accept_MoreThanOffered_UsesOnlyTheOffer()
    {
        var allocator = OneAgent("cpus:2;mem:1024;ports:[1-2]");
        var offer = SingleOffer(allocator, T0);

        allocator.Accept(offer.OfferId, One(R("cpus:3;mem:512;ports:[2-3]")), T0);

        Assert.Equal(Scalars("cpus:2;mem:512"), allocator.Totals.Used);
        Assert.Equal(R("mem:512;ports:[1-1]"), SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void Accept_WithRefuseRemainder_FiltersTheRemainderUntilItExpires()
    {
        var allocator = OneAgent();
        var offer = SingleOffer(allocator, T0);

        allocator.Accept(offer.OfferId, One(R("cpus:1;mem:512")), T0, Minute);

        AssertNoOffer(allocator, At(59));
        Assert.Equal(R(DefaultResources) - R("cpus:1;mem:512"), SingleOffer(allocator, At(60)).Resources);
    }

    [Fact]
    public void Accept_Everything_LeavesNothingToOffer()
    {
        var allocator = OneAgent();

        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(R(DefaultResources)), T0, Minute);

        AssertNoOffer(allocator, T0);
        Assert.Equal(R(""), allocator.Totals.Free);
    }

    [Fact]
    public void AnsweredOffer_CannotBeAnsweredAgain()
    {
        var allocator = OneAgent();
        var offer = SingleOffer(allocator, T0);
        allocator.Accept(offer.OfferId, One(R("cpus:1")), T0);

        Assert.False(allocator.Accept(offer.OfferId, One(R("cpus:1")), T0));
        Assert.False(allocator.Decline(offer.OfferId, T0, Minute));
        Assert.False(allocator.Rescind(offer.OfferId));
        Assert.False(allocator.Accept("nope", One(R("cpus:1")), T0));
        Assert.Equal(R("cpus:1"), allocator.Totals.Used);
    }

    [Fact]
    public void Decline_FiltersTheAgentForThatFrameworkUntilExpiry()
    {
        var allocator = OneAgent();

        Assert.True(allocator.Decline(SingleOffer(allocator, T0).OfferId, T0, TimeSpan.FromSeconds(5)));

        Assert.Equal(R(""), allocator.Totals.Offered);
        AssertNoOffer(allocator, T0);
        AssertNoOffer(allocator, At(4.999));
        Assert.Equal(R(DefaultResources), SingleOffer(allocator, At(5)).Resources);
    }

    [Fact]
    public void Decline_OtherFrameworksStillGetTheAgent()
    {
        var allocator = OneAgent(DefaultResources, "f1", "f2");
        var first = SingleOffer(allocator, T0);

        allocator.Decline(first.OfferId, T0, Minute);
        var second = SingleOffer(allocator, T0);

        Assert.NotEqual(first.FrameworkId, second.FrameworkId);
        allocator.Decline(second.OfferId, T0, Minute);
        AssertNoOffer(allocator, T0);
    }

    [Fact]
    public void Decline_FilterLifts_WhenTheAgentHasMoreThanWasRefused()
    {
        var allocator = OneAgent();
        var task = R("cpus:2;mem:1024");
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(task), T0);
        allocator.Decline(SingleOffer(allocator, T0).OfferId, T0, Minute);
        AssertNoOffer(allocator, At(1));

        allocator.Recover("a1", "t1");

        Assert.Equal(R(DefaultResources), SingleOffer(allocator, At(2)).Resources);
    }

    [Fact]
    public void Decline_FilterHolds_WhileTheAgentHasLessThanWasRefused()
    {
        var allocator = OneAgent();
        allocator.Decline(SingleOffer(allocator, T0).OfferId, T0, Minute);

        allocator.AddFramework("f2");
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(R("cpus:1")), T0);

        // f1 has the lower share, but still refuses what is left.
        Assert.Equal(0, allocator.ShareOf("f1"));
        Assert.Equal("f2", SingleOffer(allocator, At(1)).FrameworkId);
    }

    [Fact]
    public void Decline_WithoutRefuseTime_OffersAgainAtOnce()
    {
        var allocator = OneAgent();

        allocator.Decline(SingleOffer(allocator, T0).OfferId, T0, TimeSpan.Zero);

        Assert.Equal("f1", SingleOffer(allocator, T0).FrameworkId);
    }

    [Fact]
    public void Revive_ClearsFiltersAndUnsuppresses()
    {
        var allocator = Allocator(["f1"], Agent("a1"), Agent("a2"));
        var offers = allocator.Allocate(T0);
        allocator.Decline(offers[0].OfferId, T0, TimeSpan.FromHours(1));
        allocator.Suppress("f1");
        allocator.Decline(offers[1].OfferId, T0, TimeSpan.Zero);
        AssertNoOffer(allocator, T0);

        allocator.Revive("f1");

        Assert.Equal(2, allocator.Allocate(T0).Count);
    }

    [Fact]
    public void Revive_ForgetsOnlyThatFrameworksFilters()
    {
        var allocator = Allocator(["f1", "f2"], Agent("a1"), Agent("a2"));
        for (int cycle = 0; cycle < 2; cycle++)
        {
            foreach (var offer in allocator.Allocate(T0))
            {
                allocator.Decline(offer.OfferId, T0, Minute);
            }
        }

        AssertNoOffer(allocator, T0);

        allocator.Revive("f1");

        Assert.Equal(["f1", "f1"], allocator.Allocate(T0).Select(o => o.FrameworkId));
    }

    [Fact]
    public void RemoveFramework_ThenAddedAgain_HoldsNoFilters()
    {
        var allocator = OneAgent();
        allocator.Decline(SingleOffer(allocator, T0).OfferId, T0, Minute);

        allocator.RemoveFramework("f1");
        allocator.AddFramework("f1");

        Assert.Equal("f1", SingleOffer(allocator, T0).FrameworkId);
    }

    [Fact]
    public void AddAgent_Again_ForgetsTheFiltersOnIt()
    {
        var allocator = Allocator(["f1"], Agent("a1"), Agent("a2"));
        foreach (var offer in allocator.Allocate(T0))
        {
            allocator.Decline(offer.OfferId, T0, Minute);
        }

        allocator.AddAgent(Agent("a1"));
        allocator.RemoveAgent("a2");
        allocator.AddAgent(Agent("a2"));

        Assert.Equal(["a1", "a2"], allocator.Allocate(T0).Select(o => o.AgentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Suppress_StopsOffersToThatFrameworkOnly()
    {
        var allocator = Allocator(["f1", "f2"], Agent("a1"), Agent("a2"));

        allocator.Suppress("f1");

        Assert.All(allocator.Allocate(T0), o => Assert.Equal("f2", o.FrameworkId));
        Assert.Equal(0, allocator.OfferableAgentCount);
    }

    [Fact]
    public void SuppressOrRevive_UnknownFramework_Throws()
    {
        var allocator = OneAgent();

        Assert.Throws<KeyNotFoundException>(() => allocator.Suppress("nope"));
        Assert.Throws<KeyNotFoundException>(() => allocator.Revive("nope"));
    }

    [Fact]
    public void Recover_ReturnsAnEndedTasksResources()
    {
        var allocator = OneAgent();
        var task = R("cpus:1;mem:256;ports:[31005-31006]");
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(task), T0);

        allocator.Recover("a1", "t1");

        Assert.Equal(R(""), allocator.Totals.Used);
        Assert.Equal(0, allocator.ShareOf("f1"));
        Assert.Equal(R(DefaultResources), SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void Recover_Twice_NeverFreesTwice()
    {
        var allocator = OneAgent();
        var task = R("cpus:1;mem:256;ports:[31005-31006]");
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(task), T0);

        allocator.Recover("a1", "t1");
        allocator.Recover("a1", "t1");

        Assert.Equal(R(""), allocator.Totals.Used);
        Assert.Equal(Scalars(DefaultResources), allocator.Totals.Free);
        Assert.Equal(R(DefaultResources), SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void Recover_OfAnotherTaskOrOnAnUnknownAgent_FreesNothing()
    {
        var allocator = OneAgent(DefaultResources, "f1", "f2");
        var task = R("cpus:1;mem:256");
        allocator.Accept(allocator.Allocate(T0)[0].OfferId, One(task), T0);

        allocator.Recover("a1", "t2");
        allocator.Recover("nowhere", "t1");

        Assert.Equal(task, allocator.Totals.Used);
    }

    [Fact]
    public void Accept_SeveralTasks_BooksEach_AndEachEndFreesItsOwn()
    {
        var allocator = OneAgent();
        var offer = SingleOffer(allocator, T0);

        allocator.Accept(offer.OfferId, [new TaskHold("t1", "f1", R("cpus:1;ports:[31000-31000]")), new TaskHold("t2", "f1", R("cpus:2;mem:10"))], T0);
        allocator.Recover("a1", "t2");

        Assert.Equal(["t1"], allocator.TasksOn("a1").Select(t => t.TaskId));
        Assert.Equal((R(DefaultResources), R("cpus:1;ports:[31000-31000]"), R(""), true), allocator.AgentResources("a1"));
        Assert.Equal(0.25, allocator.ShareOf("f1"));
    }

    [Fact]
    public void Accept_MoreThanTheOffer_BooksWhatFits()
    {
        var allocator = OneAgent("cpus:2;mem:100");
        var offer = SingleOffer(allocator, T0);

        allocator.Accept(offer.OfferId, [new TaskHold("t1", "f1", R("cpus:1.5")), new TaskHold("t2", "f1", R("cpus:1;mem:200"))], T0);

        Assert.Equal(R("cpus:2;mem:100"), allocator.Totals.Used);
        Assert.Equal(R("cpus:0.5;mem:100"), allocator.TasksOn("a1").Single(t => t.TaskId == "t2").Resources);
    }

    [Fact]
    public void Rescind_ReturnsTheOfferWithoutFilter()
    {
        var allocator = OneAgent();

        Assert.True(allocator.Rescind(SingleOffer(allocator, T0).OfferId));

        Assert.Equal(R(""), allocator.Totals.Offered);
        Assert.Equal(0, allocator.ShareOf("f1"));
        Assert.Equal(R(DefaultResources), SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void RemoveAgent_RescindsItsOffersAndDropsItsResources()
    {
        var allocator = Allocator(["f1"], Agent("a1"), Agent("a2"));
        var offers = allocator.Allocate(T0);
        var onA1 = offers.Single(o => o.AgentId == "a1");
        allocator.Accept(offers.Single(o => o.AgentId == "a2").OfferId, One(R("cpus:1")), T0);

        var rescinded = allocator.RemoveAgent("a1");

        Assert.Equal([onA1.OfferId], rescinded.Select(o => o.OfferId));
        Assert.False(allocator.Accept(onA1.OfferId, One(R("cpus:1")), T0));
        Assert.Null(allocator.AgentResources("a1"));
        Assert.Equal(1, allocator.AgentCount);
        Assert.Equal(new ClusterResources(Scalars(DefaultResources), R("cpus:1"), R("")), allocator.Totals);
        Assert.Empty(allocator.RemoveAgent("a1"));
    }

    [Fact]
    public void DeactivateAgent_StopsOffersButKeepsWhatTasksUse()
    {
        var allocator = Allocator(["f1"], Agent("a1"), Agent("a2"));
        AcceptAll(allocator, R("cpus:1;mem:100"));

        var remainders = allocator.Allocate(T0);
        var rescinded = allocator.DeactivateAgent("a1");

        Assert.Equal(remainders.Where(o => o.AgentId == "a1").Select(o => o.OfferId), rescinded.Select(o => o.OfferId));
        Assert.Empty(allocator.DeactivateAgent("a1"));
        Assert.Equal((R(DefaultResources), R("cpus:1;mem:100"), R(""), false), allocator.AgentResources("a1"));
        allocator.Decline(remainders.Single(o => o.AgentId == "a2").OfferId, T0, TimeSpan.Zero);
        Assert.Equal("a2", SingleOffer(allocator, T0).AgentId);
        Assert.Equal(Scalars(DefaultResources), allocator.Totals.Total);
        Assert.Equal(R("cpus:1;mem:100"), allocator.Totals.Used);
        Assert.Equal(allocator.Totals.Total, allocator.Totals.Used + allocator.Totals.Offered + allocator.Totals.Free);
    }

    [Fact]
    public void ActivateAgent_OffersItAgainWithItsTasksStillCounted()
    {
        var allocator = OneAgent();
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(R("cpus:1;mem:100")), T0);
        allocator.DeactivateAgent("a1");
        AssertNoOffer(allocator, T0);

        allocator.ActivateAgent("a1");

        Assert.Equal(R(DefaultResources) - R("cpus:1;mem:100"), SingleOffer(allocator, T0).Resources);
        Assert.Equal(R("cpus:1;mem:100"), allocator.Totals.Used);
    }

    [Fact]
    public void DeactivatedAgent_TaskEnding_IsRecoveredOnce()
    {
        var allocator = OneAgent();
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(R("cpus:1;mem:100")), T0);
        allocator.DeactivateAgent("a1");

        allocator.Recover("a1", "t1");
        allocator.ActivateAgent("a1");

        Assert.Equal(R(""), allocator.Totals.Used);
        Assert.Equal(R(DefaultResources), SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void RemovingADeactivatedAgent_KeepsTotalsConsistent()
    {
        var allocator = Allocator(["f1"], Agent("a1"), Agent("a2"));
        AcceptAll(allocator, R("cpus:1"));

        allocator.DeactivateAgent("a1");
        allocator.RemoveAgent("a1");

        Assert.Equal(new ClusterResources(Scalars(DefaultResources), R("cpus:1"), R("")), allocator.Totals);
    }

    [Fact]
    public void Totals_AgentsWithTheSamePorts_AddUpAndComeApartCleanly()
    {
        var allocator = Allocator(["f1"], Agent("a1"), Agent("a2"));
        var task = R("cpus:1;mem:100;ports:[31000-31000]");
        AcceptAll(allocator, task);

        Assert.Equal(new ClusterResources(Scalars("cpus:8;mem:8192;disk:2000"), Scalars("cpus:2;mem:200"), R("")), allocator.Totals);
        Assert.Equal(0.25, allocator.ShareOf("f1"));

        allocator.Recover("a1", "t-a1");
        allocator.Recover("a2", "t-a2");
        allocator.RemoveAgent("a1");
        allocator.RemoveAgent("a2");

        Assert.Equal(new ClusterResources(R(""), R(""), R("")), allocator.Totals);
        Assert.Equal(0, allocator.ShareOf("f1"));
    }

    [Fact]
    public void AddAgent_WithUsedResources_AfterAMasterRestart()
    {
        var allocator = Allocator(["f1", "f2"]);

        allocator.AddAgent(Agent("a1"), [new TaskHold("t1", "f1", R("cpus:1;mem:1024;ports:[31000-31001]")), new TaskHold("t2", "f2", R("cpus:2"))]);

        Assert.Equal(Scalars("cpus:3;mem:1024"), allocator.Totals.Used);
        Assert.Equal(0.5, allocator.ShareOf("f2"));
        var offer = SingleOffer(allocator, T0);
        Assert.Equal("f1", offer.FrameworkId);
        Assert.Equal(R("cpus:1;mem:3072;disk:1000;ports:[31002-31099]"), offer.Resources);
    }

    [Fact]
    public void AddAgent_UsageBeyondItsTotal_IsCappedAtTheTotal()
    {
        var allocator = Allocator(["f1"]);

        allocator.AddAgent(Agent("a1", "cpus:2;mem:100"), [new TaskHold("t1", "f1", R("cpus:1.5")), new TaskHold("t2", "f2", R("cpus:1;mem:200;ports:[5-5]"))]);

        Assert.Equal(R("cpus:2;mem:100"), allocator.Totals.Used);
        Assert.Equal(R(""), allocator.Totals.Free);
        AssertNoOffer(allocator, T0);
    }

    [Fact]
    public void AddAgent_ForAFrameworkThatRegistersLater_CountsInItsShare()
    {
        var allocator = Allocator(["f1"]);
        allocator.AddAgent(Agent("a1", "cpus:4;mem:1000"), [new TaskHold("t1", "late", R("cpus:2"))]);

        allocator.AddFramework("late");

        Assert.Equal(0.5, allocator.ShareOf("late"));
        Assert.Equal("f1", SingleOffer(allocator, T0).FrameworkId);
    }

    [Fact]
    public void AddAgent_Again_RescindsItsOffers_AndTakesItsNewTotal()
    {
        var allocator = OneAgent();
        var offer = SingleOffer(allocator, T0);

        var rescinded = allocator.AddAgent(Agent("a1", "cpus:8;mem:8192"), [new TaskHold("t1", "f1", R("cpus:1"))]);

        Assert.Equal([offer.OfferId], rescinded.Select(o => o.OfferId));
        Assert.Empty(allocator.OutstandingOffers);
        Assert.False(allocator.Accept(offer.OfferId, One(R("cpus:1")), T0));
        Assert.Equal(new ClusterResources(R("cpus:8;mem:8192"), R("cpus:1"), R("")), allocator.Totals);
        Assert.Equal(1, allocator.AgentCount);
    }

    [Fact]
    public void AddAgent_Again_KeepsTasksItDoesNotKnowYet_AndBooksWhatItReportsOnce()
    {
        var allocator = OneAgent();
        // t1 runs there; t2 was accepted, and its launch has not reached the agent when it registers again.
        allocator.Accept(SingleOffer(allocator, T0).OfferId, [new TaskHold("t1", "f1", R("cpus:1")), new TaskHold("t2", "f1", R("cpus:2"))], T0);
        allocator.DeactivateAgent("a1");

        allocator.AddAgent(Agent("a1"), [new TaskHold("t1", "f1", R("cpus:1")), new TaskHold("t3", "f1", R("cpus:0.5"))]);

        Assert.Equal(["t1", "t2", "t3"], allocator.TasksOn("a1").Select(t => t.TaskId).Order(StringComparer.Ordinal));
        Assert.Equal(R("cpus:3.5"), allocator.Totals.Used);
        allocator.Recover("a1", "t2"); // found lost
        Assert.Equal(R("cpus:1.5"), allocator.Totals.Used);
    }

    [Fact]
    public void ATaskEndedWhileItsAgentWasAway_ButStillRunningThere_IsBookedAgain_AndFreedByItsEnd()
    {
        var allocator = OneAgent();
        allocator.Accept(SingleOffer(allocator, T0).OfferId, One(R("cpus:1")), T0);
        allocator.DeactivateAgent("a1");
        allocator.Recover("a1", "t1"); // given up on while the agent was unreachable

        allocator.AddAgent(Agent("a1"), One(R("cpus:1"))); // back, and it still runs it
        Assert.Equal(R("cpus:1"), allocator.Totals.Used);
        allocator.Recover("a1", "t1"); // killed

        Assert.Equal(R(""), allocator.Totals.Used);
        Assert.Equal(R(DefaultResources), SingleOffer(allocator, T0).Resources);
    }

    [Fact]
    public void RemoveFramework_RescindsItsOffers()
    {
        var allocator = Allocator(["f1", "f2"], Agent("a1"), Agent("a2"));
        var offers = allocator.Allocate(T0);

        var rescinded = allocator.RemoveFramework("f1");

        Assert.Equal(offers.Where(o => o.FrameworkId == "f1").Select(o => o.OfferId), rescinded.Select(o => o.OfferId));
        Assert.Equal(Scalars(DefaultResources), allocator.Totals.Offered);
        Assert.Empty(allocator.RemoveFramework("f1"));
        Assert.Equal("f2", SingleOffer(allocator, T0).FrameworkId);
    }
}
