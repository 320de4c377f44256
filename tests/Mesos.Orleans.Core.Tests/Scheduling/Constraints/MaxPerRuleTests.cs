using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class MaxPerRuleTests
{
    private static readonly string[] TwoPerRack = ["rack", "MAX_PER", "2"];

    [Fact]
    public void MaxPer_AcceptsAValueUntilItHasNInstances()
    {
        Assert.True(Allows(TwoPerRack, "h1 rack=r1"));
        Assert.True(Allows(TwoPerRack, "h2 rack=r1", "h1 rack=r1", "h3 rack=r2"));
        Assert.False(Allows(TwoPerRack, "h3 rack=r1", "h1 rack=r1", "h2 rack=r1"));
        Assert.True(Allows(TwoPerRack, "h3 rack=r2", "h1 rack=r1", "h2 rack=r1"));
    }

    [Fact]
    public void MaxPer_One_IsUnique()
    {
        Assert.False(Allows(["hostname", "MAX_PER", "1"], "a", "a"));
        Assert.True(Allows(["hostname", "MAX_PER", "1"], "b", "a"));
    }

    [Fact]
    public void MaxPer_OnHostname()
    {
        Assert.True(Allows(["hostname", "MAX_PER", "3"], "a", "a", "a"));
        Assert.False(Allows(["hostname", "MAX_PER", "3"], "a", "a", "a", "a"));
    }

    [Fact]
    public void MaxPer_AgentWithoutTheAttribute_IsRefused() =>
        Assert.False(Allows(TwoPerRack, "h1"));
}
