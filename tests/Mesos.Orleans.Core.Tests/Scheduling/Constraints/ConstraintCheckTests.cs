using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Core.Scheduling.Constraints;
using static Mesos.Orleans.Core.Tests.Support.Cluster;
using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class ConstraintCheckTests
{
    private static readonly AppId Web = AppId.Parse("web"), Api = AppId.Parse("api");
    private static readonly Offer[] Offers = [OfferOn("a rack=r1"), OfferOn("b rack=r2")];

    private static LaunchRequest Request(AppId app, params PlacementConstraint[] constraints) =>
        new(app, $"{app.SafeName}.instance-1", 1, R("cpus:1"), 0, [], "mesos") { Constraints = constraints };

    private static Placement PlacedOn(Offer offer, AppId app) => new(Request(app), offer, R("cpus:1"), []);

    [Fact]
    public void Allows_WithoutConstraints_AnyOffer()
    {
        Assert.True(ConstraintCheck.Instance.Allows(Request(Web), Offers[0], [PlacedOn(Offers[0], Web)]));
        Assert.Null(ConstraintCheck.Instance.Explain(Request(Web), Offers, []));
        Assert.Null(ConstraintCheck.Instance.Explain(Request(Web), [], []));
    }

    [Fact]
    public void Allows_CountsThisRoundsPlacementsOfTheSameAppOnly()
    {
        var request = Request(Web, Constraint("hostname", "UNIQUE"));

        Assert.False(ConstraintCheck.Instance.Allows(request, Offers[0], [PlacedOn(Offers[0], Web)]));
        Assert.True(ConstraintCheck.Instance.Allows(request, Offers[0], [PlacedOn(Offers[0], Api)]));
        Assert.False(ConstraintCheck.Instance.Allows(request with { Placed = [On("a rack=r1")] }, Offers[0], []));
    }

    [Fact]
    public void Explain_WhenSomeOfferIsAllowed_IsNull() =>
        Assert.Null(ConstraintCheck.Instance.Explain(Request(Web, Constraint("rack", "IS", "r2"), Constraint("hostname", "UNIQUE")), Offers, [PlacedOn(Offers[0], Web)]));
}
