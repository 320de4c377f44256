using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class ClusterRuleTests
{
    private static readonly string[] RackR1 = ["rack", "CLUSTER", "r1"], SameRack = ["rack", "CLUSTER"];

    [Fact]
    public void Cluster_WithAValue_AcceptsOnlyThatValue()
    {
        Assert.True(Allows(RackR1, "h1 rack=r1"));
        Assert.False(Allows(RackR1, "h2 rack=r2"));
        Assert.False(Allows(RackR1, "h2 rack=r10"));
    }

    [Fact]
    public void Cluster_WithAValue_IgnoresWhereInstancesRun() =>
        Assert.True(Allows(RackR1, "h1 rack=r1", "h2 rack=r2"));

    [Fact]
    public void Cluster_WithoutAValue_TheFirstGoesAnywhere_TheOthersWhereItWent()
    {
        Assert.True(Allows(SameRack, "h2 rack=r2"));
        Assert.True(Allows(SameRack, "h3 rack=r2", "h2 rack=r2"));
        Assert.False(Allows(SameRack, "h1 rack=r1", "h2 rack=r2"));
    }

    [Fact]
    public void Cluster_OnHostname_KeepsEveryInstanceOnOneHost()
    {
        Assert.True(Allows(["hostname", "CLUSTER", "a"], "a"));
        Assert.False(Allows(["hostname", "CLUSTER", "a"], "b"));
        Assert.True(Allows(["hostname", "CLUSTER"], "b", "b", "b"));
        Assert.False(Allows(["hostname", "CLUSTER"], "a", "b"));
    }

    [Fact]
    public void Cluster_AgentWithoutTheAttribute_IsRefused()
    {
        Assert.False(Allows(RackR1, "h1"));
        Assert.False(Allows(SameRack, "h1"));
    }
}
