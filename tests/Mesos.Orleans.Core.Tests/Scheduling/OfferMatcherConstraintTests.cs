using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Core.Scheduling.Constraints;
using static Mesos.Orleans.Core.Tests.Support.Cluster;
using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling;

public class OfferMatcherConstraintTests
{
    private static readonly AppId Web = AppId.Parse("web"), Api = AppId.Parse("api");
    private static readonly string[] UniqueHost = ["hostname", "UNIQUE"];
    private static readonly Offer[] ThreeHosts = [OfferOn("a"), OfferOn("b"), OfferOn("c")];

    // Five agents over three racks, rack a first and biggest: round robin alone stacks instances there.
    private static readonly Offer[] UnevenRacks = [OfferOn("a1 rack=a"), OfferOn("a2 rack=a"), OfferOn("a3 rack=a"), OfferOn("b1 rack=b"), OfferOn("c1 rack=c")];

    /// <summary>Requests for <paramref name="count"/> instances of an app with <paramref name="constraints"/>, as the framework makes them.</summary>
    private static List<LaunchRequest> Requests(AppId app, int count, params string[][] constraints)
    {
        var spec = new AppSpec { Cmd = "x", Cpus = 0.5, Mem = 32, PortDefinitions = [], Constraints = constraints };
        return [.. Enumerable.Range(1, count).Select(i => LaunchRequest.For(app, $"{app.SafeName}.instance-{i}", 1, spec, "mesos"))];
    }

    private static List<string> Hosts(MatchResult result, AppId? app = null) =>
        [.. result.Placements.Where(p => app is null || p.Request.App == app).Select(p => p.Offer.Hostname)];

    private static SortedDictionary<string, int> PerRack(MatchResult result) =>
        new(result.Placements.GroupBy(p => p.Offer.Attributes["rack"]).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    [Fact]
    public void Match_UniqueHostname_PutsOneInstanceOnEachHost()
    {
        var result = OfferMatcher.Match(ThreeHosts, Requests(Web, 3, UniqueHost));

        Assert.Equal(["a", "b", "c"], Hosts(result));
        Assert.Empty(result.Unplaced);
    }

    [Fact]
    public void Match_UniqueHostname_MoreInstancesThanHosts_LeavesTheRestUnplacedNamingTheConstraint()
    {
        var result = OfferMatcher.Match(ThreeHosts, Requests(Web, 4, UniqueHost));

        Assert.Equal(["a", "b", "c"], Hosts(result));
        Assert.Equal(
            new Dictionary<string, string> { ["web.instance-4"] = "constraint [hostname, UNIQUE] cannot be met: no agent offered has a hostname no other instance has (offered hostname: a, b, c)" },
            result.Unplaced);
    }

    [Fact]
    public void Match_UniqueHostname_CountsWhatThisRoundPlaced()
    {
        // Two offers of one agent: round robin would use both.
        Offer[] offers = [OfferOn("a", id: "a-1"), OfferOn("a", id: "a-2")];

        var result = OfferMatcher.Match(offers, Requests(Web, 2, UniqueHost));

        Assert.Equal(["a"], Hosts(result));
        Assert.Equal(["web.instance-2"], result.Unplaced.Keys);
        Assert.Equal(2, OfferMatcher.Match(offers, Requests(Web, 2)).Placements.Count);
    }

    [Fact]
    public void Match_UniqueHostname_CountsInstancesAlreadyPlaced()
    {
        var requests = Requests(Web, 3, UniqueHost).Select(r => r with { Placed = [On("a")] }).ToList();

        var result = OfferMatcher.Match(ThreeHosts, requests);

        Assert.Equal(["b", "c"], Hosts(result));
        Assert.Equal(["web.instance-3"], result.Unplaced.Keys);
    }

    [Fact]
    public void Match_ClusterWithAValue_UsesOnlyOffersWithIt()
    {
        Offer[] offers = [OfferOn("a1 rack=a"), OfferOn("b1 rack=b"), OfferOn("a2 rack=a"), OfferOn("plain")];

        var result = OfferMatcher.Match(offers, Requests(Web, 4, ["rack", "CLUSTER", "a"]));

        Assert.Equal(["a1", "a2", "a1", "a2"], Hosts(result));
        Assert.Empty(result.Unplaced);
    }

    [Fact]
    public void Match_GroupByWithACount_SpreadsEvenlyOverTheRacks()
    {
        var plain = OfferMatcher.Match(UnevenRacks, Requests(Web, 6));
        var grouped = OfferMatcher.Match(UnevenRacks, Requests(Web, 6, ["rack", "GROUP_BY", "3"]));

        Assert.Equal(new SortedDictionary<string, int> { ["a"] = 4, ["b"] = 1, ["c"] = 1 }, PerRack(plain));
        Assert.Equal(new SortedDictionary<string, int> { ["a"] = 2, ["b"] = 2, ["c"] = 2 }, PerRack(grouped));
        Assert.Empty(grouped.Unplaced);
    }

    [Fact]
    public void Match_GroupByWithoutACount_EvensOutWhereInstancesRun()
    {
        var requests = Requests(Web, 3, ["rack", "GROUP_BY"]).Select(r => r with { Placed = [On("a1 rack=a"), On("a2 rack=a"), On("b1 rack=b")] }).ToList();

        var result = OfferMatcher.Match([OfferOn("a3 rack=a"), OfferOn("b2 rack=b"), OfferOn("c1 rack=c")], requests);

        Assert.Equal(["b2", "c1", "c1"], Hosts(result));
    }

    [Fact]
    public void Match_ConstraintsOfOneApp_DoNotAffectAnother()
    {
        var requests = Requests(Web, 3, UniqueHost).Concat(Requests(Api, 3)).ToList();

        var result = OfferMatcher.Match([OfferOn("a"), OfferOn("b")], requests);

        Assert.Equal(["a", "b"], Hosts(result, Web).Order(StringComparer.Ordinal));
        Assert.Equal(3, Hosts(result, Api).Count);
        Assert.Equal(["web.instance-3"], result.Unplaced.Keys);
    }

    [Fact]
    public void Match_InstancesOfAnotherApp_DoNotCountForUnique()
    {
        var requests = Requests(Web, 1, UniqueHost).Concat(Requests(Api, 1, UniqueHost)).ToList();

        var result = OfferMatcher.Match([OfferOn("a")], requests);

        Assert.Equal(["a", "a"], Hosts(result));
    }

    [Fact]
    public void Match_WithoutChecks_IgnoresConstraints() =>
        Assert.Equal(2, OfferMatcher.Match([OfferOn("a")], Requests(Web, 2, UniqueHost), checks: []).Placements.Count);

    [Fact]
    public void Match_Unplaced_LackingResources_IsTheReasonBeforeConstraints()
    {
        var result = OfferMatcher.Match([OfferOn("a", "cpus:0.25;mem:1024")], Requests(Web, 1, ["rack", "IS", "r1"]));

        Assert.Equal("needs 0.5 cpus, the largest offer has 0.25", result.Unplaced["web.instance-1"]);
    }

    [Fact]
    public void Match_Unplaced_TheOffersWithRoomAllRefused_NamesTheConstraint()
    {
        // b has no room; a has room, and an instance already.
        var result = OfferMatcher.Match([OfferOn("a"), OfferOn("b", "cpus:0.25;mem:1024")], Requests(Web, 2, UniqueHost));

        Assert.Equal(["a"], Hosts(result));
        Assert.Equal(
            "constraint [hostname, UNIQUE] cannot be met: no agent offered has a hostname no other instance has (offered hostname: a)",
            result.Unplaced["web.instance-2"]);
    }

    [Fact]
    public void Match_Unplaced_ConstraintsThatNoAgentMeetsTogether_AreNamedTogether()
    {
        // Rack r1 is only a, which runs an instance; b has none but is in r2; both meet [zone, IS, z1].
        var request = Requests(Web, 1, ["zone", "IS", "z1"], ["rack", "IS", "r1"], UniqueHost)[0] with { Placed = [On("a rack=r1 zone=z1")] };

        var result = OfferMatcher.Match([OfferOn("a rack=r1 zone=z1"), OfferOn("b rack=r2 zone=z1")], [request]);

        Assert.Equal(
            "constraints [rack, IS, r1] and [hostname, UNIQUE] cannot be met together: each agent offered fails one of them (offered: a, b)",
            result.Unplaced["web.instance-1"]);
    }

    [Theory]
    [InlineData("constraint [rack, CLUSTER, r9] cannot be met: no agent offered has rack r9 (offered rack: r1, r2, none)", "rack", "CLUSTER", "r9")]
    [InlineData("constraint [rack, IS, r9] cannot be met: no agent offered has rack r9 (offered rack: r1, r2, none)", "rack", "IS", "r9")]
    [InlineData("constraint [rack, LIKE, r[89]] cannot be met: no agent offered has rack like r[89] (offered rack: r1, r2, none)", "rack", "LIKE", "r[89]")]
    [InlineData("constraint [hostname, UNLIKE, h[0-9]] cannot be met: no agent offered has hostname unlike h[0-9] (offered hostname: h1, h2, h3)", "hostname", "UNLIKE", "h[0-9]")]
    [InlineData("constraint [hostname, LIKE, db-.*] cannot be met: no agent offered has hostname like db-.* (offered hostname: h1, h2, h3)", "hostname", "LIKE", "db-.*")]
    public void Match_Unplaced_NamesTheConstraintAndWhatWasOffered(string reason, params string[] constraint)
    {
        Offer[] offers = [OfferOn("h1 rack=r1"), OfferOn("h2 rack=r2"), OfferOn("h3")];

        var result = OfferMatcher.Match(offers, Requests(Web, 1, constraint));

        Assert.Equal(reason, result.Unplaced["web.instance-1"]);
    }

    [Theory]
    [InlineData("h1 rack=r1,h1 rack=r1,h2 rack=r2,h2 rack=r2", "constraint [rack, MAX_PER, 2] cannot be met: no agent offered has a rack with fewer than 2 instances (offered rack: r1, r2)", "rack", "MAX_PER", "2")]
    [InlineData("h1 rack=r1,h2 rack=r2", "constraint [rack, MAX_PER, 1] cannot be met: no agent offered has a rack without an instance (offered rack: r1, r2)", "rack", "MAX_PER", "1")]
    [InlineData("h0 rack=r0", "constraint [rack, CLUSTER] cannot be met: no agent offered has the same rack as the other instances (offered rack: r1, r2)", "rack", "CLUSTER")]
    [InlineData("h1 rack=r1,h2 rack=r2", "constraint [rack, GROUP_BY, 4] cannot be met: no agent offered has a rack that keeps the instances spread evenly over 4 values (offered rack: r1, r2)", "rack", "GROUP_BY", "4")]
    public void Match_Unplaced_OperatorsThatCountInstances_SayWhatTheyNeed(string placed, string reason, params string[] constraint)
    {
        var request = Requests(Web, 1, constraint)[0] with { Placed = [.. placed.Split(',').Select(On)] };

        var result = OfferMatcher.Match([OfferOn("h1 rack=r1"), OfferOn("h2 rack=r2")], [request]);

        Assert.Equal(reason, result.Unplaced["web.instance-1"]);
    }

    [Fact]
    public void LaunchRequest_For_ParsesTheSpecsConstraints()
    {
        var spec = new AppSpec { Cmd = "x", Constraints = [UniqueHost, ["rack", "GROUP_BY", "3"]] };

        var request = LaunchRequest.For(Web, "web.instance-1", 1, spec, "mesos");

        Assert.Equal(["[hostname, UNIQUE]", "[rack, GROUP_BY, 3]"], request.Constraints.Select(c => c.ToString()));
        Assert.IsType<GroupByRule>(request.Constraints[1].Rule);
        Assert.Empty(request.Placed);
        Assert.Empty(LaunchRequest.For(Web, "web.instance-1", 1, spec with { Constraints = null }, "mesos").Constraints);
    }
}
