using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Scheduling;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Scheduling;

public class OfferMatcherTests
{
    private static readonly AppId Web = AppId.Parse("web"), Api = AppId.Parse("api"), Db = AppId.Parse("db");

    private static LaunchRequest Request(AppId app, int index, string resources = "cpus:1;mem:128", int ports = 0, long[]? required = null, string containerizer = "mesos") =>
        new(app, $"{app.SafeName}.instance-{index}", 1, R(resources), ports, required ?? [], containerizer);

    private static List<LaunchRequest> Requests(AppId app, int count, string resources = "cpus:1;mem:128") =>
        [.. Enumerable.Range(1, count).Select(i => Request(app, i, resources))];

    private static Dictionary<string, string> PlacedOn(MatchResult result) =>
        result.Placements.ToDictionary(p => p.Request.InstanceId, p => p.Offer.OfferId);

    [Fact]
    public void Match_SpreadsAnAppRoundRobinOverOffers()
    {
        Offer[] offers = [Offer("o1", "cpus:4;mem:1024"), Offer("o2", "cpus:4;mem:1024"), Offer("o3", "cpus:4;mem:1024")];

        var result = OfferMatcher.Match(offers, Requests(Web, 4));

        Assert.Equal(["o1", "o2", "o3", "o1"], result.Placements.Select(p => p.Offer.OfferId));
        Assert.Empty(result.Unplaced);
    }

    [Fact]
    public void Match_SkipsOffersThatAreFull()
    {
        Offer[] offers = [Offer("o1", "cpus:1;mem:1024"), Offer("o2", "cpus:4;mem:1024")];

        var result = OfferMatcher.Match(offers, Requests(Web, 3));

        Assert.Equal(["o1", "o2", "o2"], result.Placements.Select(p => p.Offer.OfferId));
    }

    [Fact]
    public void Match_TakesAppsInTurn()
    {
        var requests = Requests(Web, 3).Concat(Requests(Api, 2)).Concat(Requests(Db, 1)).ToList();

        var result = OfferMatcher.Match([Offer("o1", "cpus:4;mem:1024")], requests);

        Assert.Equal(["web.instance-1", "api.instance-1", "db.instance-1", "web.instance-2"], result.Placements.Select(p => p.Request.InstanceId));
        Assert.Equal(["api.instance-2", "web.instance-3"], result.Unplaced.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Match_NeverOverCommitsAnOffer()
    {
        var offer = Offer("o1", "cpus:2.5;mem:1024;ports:[1-10]");

        var result = OfferMatcher.Match([offer], [.. Enumerable.Range(1, 5).Select(i => Request(Web, i, "cpus:1;mem:300", ports: 3))]);

        Assert.Equal(2, result.Placements.Count);
        Assert.Equal(3, result.Unplaced.Count);
        var used = result.UsedByOffer["o1"];
        Assert.Equal(R("cpus:2;mem:600;ports:[1-6]"), used);
        Assert.True(offer.Resources.Contains(used));
        Assert.Equal(used, result.Placements.Aggregate(ResourceSet.Empty, (sum, p) => sum + p.Resources));
    }

    [Fact]
    public void Match_RespectsTheContainerizer()
    {
        Offer[] offers = [Offer("plain", "cpus:4;mem:1024", "mesos"), Offer("both", "cpus:4;mem:1024", "mesos", "docker")];

        var result = OfferMatcher.Match(offers, [Request(Web, 1, containerizer: "docker"), Request(Web, 2, containerizer: "docker")]);

        Assert.All(result.Placements, p => Assert.Equal("both", p.Offer.OfferId));
        Assert.Equal(2, result.Placements.Count);
    }

    [Fact]
    public void Match_PortsByCount_TakesTheLowestFree()
    {
        var result = OfferMatcher.Match([Offer("o1", "cpus:4;mem:1024;ports:[31000-31002, 31010-31020]")], [Request(Web, 1, ports: 2), Request(Web, 2, ports: 2)]);

        Assert.Equal([31000L, 31001], result.Placements[0].HostPorts);
        Assert.Equal([31002L, 31010], result.Placements[1].HostPorts);
        Assert.Equal(RangeSet.Parse("[31002-31002, 31010-31010]"), result.Placements[1].Resources.Ports);
    }

    [Fact]
    public void Match_NoPorts_TakesNone()
    {
        var placement = Assert.Single(OfferMatcher.Match([Offer("o1", "cpus:1;mem:128;ports:[1-5]")], [Request(Web, 1)]).Placements);

        Assert.Empty(placement.HostPorts);
        Assert.Equal(R("cpus:1;mem:128"), placement.Resources);
    }

    [Fact]
    public void Match_RequiredPorts_AreExact()
    {
        Offer[] offers = [Offer("o1", "cpus:4;mem:1024;ports:[31000-31100]"), Offer("o2", "cpus:4;mem:1024;ports:[8000-9000]")];

        var result = OfferMatcher.Match(offers, [Request(Web, 1, required: [8081, 8080]), Request(Web, 2, required: [8080]), Request(Web, 3, required: [31005])]);

        Assert.Equal([8081L, 8080], result.Placements[0].HostPorts);
        Assert.Equal("o2", result.Placements[0].Offer.OfferId);
        Assert.Equal(RangeSet.Parse("[8080-8081]"), result.Placements[0].Resources.Ports);
        Assert.Equal("o1", result.Placements[1].Offer.OfferId);
        Assert.Equal("needs ports 8080, which no offer holds", result.Unplaced["web.instance-2"]);
    }

    [Fact]
    public void Match_RequiredAndAnyPorts_TakesTheRequiredOnesAndTheLowestOthers()
    {
        Offer[] offers = [Offer("o1", "cpus:4;mem:1024;ports:[31000-31002]")];

        var result = OfferMatcher.Match(offers, [Request(Web, 1, ports: 3, required: [31000]), Request(Web, 2, ports: 2, required: [31002])]);

        Assert.Equal([31000L, 31001, 31002], result.Placements.Single().HostPorts);
        Assert.Equal(RangeSet.Parse("[31000-31002]"), result.Placements.Single().Resources.Ports);
        Assert.Equal("needs ports 31002, which no offer holds", result.Unplaced["web.instance-2"]);
        Assert.Equal(
            "needs 3 more ports, the largest offer has 2",
            OfferMatcher.Match(offers, [Request(Web, 3, ports: 4, required: [31001])]).Unplaced["web.instance-3"]);
    }

    [Fact]
    public void Match_PlacementChecks_CanRefuseAndExplain()
    {
        Offer[] offers = [Offer("o1", "cpus:4;mem:1024"), Offer("o2", "cpus:4;mem:1024")];

        var result = OfferMatcher.Match(offers, Requests(Web, 3), [new OnePerAgent()]);

        Assert.Equal(["o1", "o2"], result.Placements.Select(p => p.Offer.OfferId));
        Assert.Equal("one instance of /web per agent: all 2 offered agents have one", result.Unplaced["web.instance-3"]);
    }

    [Theory]
    [InlineData("cpus:2;mem:128", "needs 2 cpus, the largest offer has 1.5")]
    [InlineData("cpus:1;mem:4096", "needs 4096 mem, the largest offer has 2048")]
    [InlineData("cpus:1;disk:100", "needs 100 disk, the largest offer has 10")]
    [InlineData("cpus:1;gpus:1", "needs 1 gpus, the largest offer has 0")]
    [InlineData("cpus:8;mem:8192", "needs 8 cpus, the largest offer has 1.5; needs 8192 mem, the largest offer has 2048")]
    [InlineData("cpus:1.5;mem:2048", "no single offer holds all it needs at once (cpus:1.5;mem:2048)")]
    public void Match_Unplaced_NamesWhatIsLacking(string needs, string reason)
    {
        Offer[] offers = [Offer("o1", "cpus:1.5;mem:512;disk:10"), Offer("o2", "cpus:1;mem:2048")];

        var result = OfferMatcher.Match(offers, [Request(Web, 1, needs)]);

        Assert.Empty(result.Placements);
        Assert.Equal(reason, result.Unplaced["web.instance-1"]);
        Assert.Empty(result.UsedByOffer);
    }

    [Fact]
    public void Match_Unplaced_PortsByCount() =>
        Assert.Equal(
            "needs 3 ports, the largest offer has 2",
            OfferMatcher.Match([Offer("o1", "cpus:4;mem:1024;ports:[1-2]")], [Request(Web, 1, ports: 3)]).Unplaced["web.instance-1"]);

    [Fact]
    public void Match_Unplaced_CountsWhatEarlierRequestsTook()
    {
        var result = OfferMatcher.Match([Offer("o1", "cpus:2;mem:1024")], [Request(Web, 1, "cpus:1.5"), Request(Web, 2, "cpus:1")]);

        Assert.Equal("needs 1 cpus, the largest offer has 0.5", result.Unplaced["web.instance-2"]);
    }

    [Fact]
    public void Match_Unplaced_EveryInstanceOfAConfigThatFitsNowhereGetsItsReason_AndSmallerAppsStillFit()
    {
        var requests = Requests(Web, 3, "cpus:3").Concat(Requests(Api, 2, "cpus:0.5")).ToList();

        var result = OfferMatcher.Match([Offer("o1", "cpus:2;mem:1024"), Offer("o2", "cpus:1;mem:1024")], requests);

        Assert.Equal(["api.instance-1", "api.instance-2"], result.Placements.Select(p => p.Request.InstanceId));
        Assert.Equal(3, result.Unplaced.Count);
        Assert.All(result.Unplaced.Values, reason => Assert.Equal("needs 3 cpus, the largest offer has 2", reason));
    }

    [Fact]
    public void Match_Unplaced_WithoutOffers()
    {
        var result = OfferMatcher.Match([], Requests(Web, 2));

        Assert.Equal(
            new Dictionary<string, string> { ["web.instance-1"] = "no offers: no agent has free resources", ["web.instance-2"] = "no offers: no agent has free resources" },
            result.Unplaced);
        Assert.Empty(result.Placements);
    }

    [Fact]
    public void Match_Unplaced_WithoutTheContainerizer() =>
        Assert.Equal(
            "no agent offered has the docker containerizer (offered: mesos)",
            OfferMatcher.Match([Offer("o1", "cpus:4;mem:1024"), Offer("o2", "cpus:4;mem:1024")], [Request(Web, 1, containerizer: "docker")]).Unplaced["web.instance-1"]);

    [Fact]
    public void Match_Unplaced_MeasuresOnlyOffersWithTheContainerizer()
    {
        Offer[] offers = [Offer("big", "cpus:16;mem:8192", "docker"), Offer("small", "cpus:1;mem:8192", "mesos")];

        var result = OfferMatcher.Match(offers, [Request(Web, 1, "cpus:2;mem:128")]);

        Assert.Equal("needs 2 cpus, the largest offer has 1", result.Unplaced["web.instance-1"]);
    }

    [Fact]
    public void Match_UsedByOffer_SumsPlacementsPerOffer()
    {
        Offer[] offers = [Offer("o1", "cpus:4;mem:1024;ports:[1-10]"), Offer("o2", "cpus:4;mem:1024;ports:[1-10]"), Offer("o3", "cpus:0.5;mem:1024")];

        var result = OfferMatcher.Match(offers, [.. Enumerable.Range(1, 3).Select(i => Request(Web, i, ports: 1))]);

        Assert.Equal(new Dictionary<string, string> { ["web.instance-1"] = "o1", ["web.instance-2"] = "o2", ["web.instance-3"] = "o1" }, PlacedOn(result));
        Assert.Equal(R("cpus:2;mem:256;ports:[1-2]"), result.UsedByOffer["o1"]);
        Assert.Equal(R("cpus:1;mem:128;ports:[1-1]"), result.UsedByOffer["o2"]);
        Assert.Equal(["o3"], result.UnusedOffers(offers).Select(o => o.OfferId));
    }

    [Fact]
    public void LaunchRequest_For_TakesTheSpecsResourcesAndPorts()
    {
        var spec = new AppSpec { Cmd = "x", Cpus = 0.5, Mem = 64, Disk = 10, PortDefinitions = [new PortDefinition(), new PortDefinition()] };

        var byCount = LaunchRequest.For(Web, "web.instance-1", 4, spec, "mesos");
        var exact = LaunchRequest.For(Web, "web.instance-1", 4, spec with { RequirePorts = true, PortDefinitions = [new PortDefinition { Port = 8080 }, new PortDefinition { Port = 8443 }] }, "docker");

        Assert.Equal((R("cpus:0.5;mem:64;disk:10"), 2, 4L, "mesos"), (byCount.Resources, byCount.PortCount, byCount.ConfigGeneration, byCount.Containerizer));
        Assert.Empty(byCount.RequiredPorts);
        Assert.Equal([8080L, 8443], exact.RequiredPorts);
        Assert.Equal(0, LaunchRequest.For(Web, "i", 1, spec with { PortDefinitions = [] }, "mesos").PortCount);
    }

    [Fact]
    public void LaunchRequest_For_PortDefinitionsLeftOut_AsksForMarathonsOneDefaultPort() =>
        Assert.Equal(1, LaunchRequest.For(Web, "web.instance-1", 1, new AppSpec { Cmd = "x" }, "mesos").PortCount);

    // At most one instance of an app per agent (Marathon's hostname:UNIQUE).
    private sealed class OnePerAgent : IPlacementCheck
    {
        public bool Allows(LaunchRequest request, Offer offer, IReadOnlyList<Placement> placedThisRound) =>
            !placedThisRound.Any(p => p.Request.App == request.App && p.Offer.AgentId == offer.AgentId);

        public string? Explain(LaunchRequest request, IReadOnlyList<Offer> offers, IReadOnlyList<Placement> placedThisRound) =>
            offers.All(o => !Allows(request, o, placedThisRound))
                ? $"one instance of {request.App} per agent: all {offers.Count} offered agents have one"
                : null;
    }
}
